/** The sign-in form and the switch between it and the dashboard. */
import type { SessionView } from '../app/session-flow';
import { byId, setText } from './dom';

export class SignInView implements SessionView {
  private readonly section = byId('sign-in-view', HTMLElement);
  private readonly dashboard = byId('dashboard-view', HTMLElement);
  private readonly form = byId('sign-in-form', HTMLFormElement);
  private readonly input = byId('token-input', HTMLInputElement);
  private readonly button = byId('sign-in-button', HTMLButtonElement);
  private readonly error = byId('sign-in-error', HTMLElement);
  private readonly notice = byId('sign-in-notice', HTMLElement);
  private readonly signOutButton = byId('btn-sign-out', HTMLButtonElement);

  /** `submit` resolves to an error message to show, or null when signed in. */
  bind(submit: (token: string) => Promise<string | null>, signOut: () => void): void {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      // One request per submission: ignore Enter presses while a sign-in is in flight.
      if (this.button.disabled) return;
      void this.submitWith(submit);
    });
    this.signOutButton.addEventListener('click', () => signOut());
  }

  showSignIn(message?: string): void {
    // Hides the controls that need a session (refresh, pause, snapshot times); see layout.css.
    window.document.body.dataset.session = 'signed-out';
    this.dashboard.hidden = true;
    this.section.hidden = false;
    this.notice.hidden = !message;
    setText(this.notice, message ?? '');
    this.showError('');
    this.input.focus();
  }

  showDashboard(): void {
    window.document.body.dataset.session = 'active';
    this.section.hidden = true;
    this.dashboard.hidden = false;
  }

  setSignOutAvailable(available: boolean): void {
    this.signOutButton.hidden = !available;
  }

  private async submitWith(submit: (token: string) => Promise<string | null>): Promise<void> {
    this.button.disabled = true;
    this.button.setAttribute('aria-busy', 'true');
    this.showError('');
    try {
      const error = await submit(this.input.value);
      if (error === null) {
        // Do not leave the token in the DOM once it has been exchanged for a cookie.
        this.input.value = '';
        // Without preventScroll, a page taller than the window scrolls main to the top, under the sticky header.
        byId('main', HTMLElement).focus({ preventScroll: true });
      } else {
        this.showError(error);
        this.input.focus();
        this.input.select();
      }
    } finally {
      this.button.disabled = false;
      this.button.removeAttribute('aria-busy');
    }
  }

  private showError(message: string): void {
    setText(this.error, message);
    this.input.setAttribute('aria-invalid', String(message !== ''));
  }
}
