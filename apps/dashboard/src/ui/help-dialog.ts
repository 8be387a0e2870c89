/**
 * The keyboard-shortcut overlay as a modal dialog: focus moves in on open, Tab and Shift+Tab wrap inside,
 * the page behind is made inert, and focus returns to whatever opened it. Escape is routed here by the
 * global shortcut handler.
 */
import { trappedFocusIndex } from '../keyboard/focus-trap';
import { SHORTCUTS } from '../keyboard/shortcuts';
import { byId, make } from './dom';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export class HelpDialog {
  private readonly backdrop = byId('help-backdrop', HTMLElement);
  private readonly dialog = byId('help-dialog', HTMLElement);
  private readonly closeButton = byId('help-close', HTMLButtonElement);
  private opener: HTMLElement | null = null;

  /** `background`: the regions made inert while the dialog is open. */
  constructor(private readonly background: readonly HTMLElement[]) {
    byId('help-rows', HTMLTableSectionElement).replaceChildren(...SHORTCUTS.map(shortcutRow));
    this.closeButton.addEventListener('click', () => this.close());
    // A click on the dimmed backdrop (not inside the dialog) closes it, as users expect.
    this.backdrop.addEventListener('click', (event) => event.target === this.backdrop && this.close());
    this.dialog.addEventListener('keydown', (event) => this.trapTab(event));
  }

  get isOpen(): boolean {
    return !this.backdrop.hidden;
  }

  open(): void {
    if (this.isOpen) return;
    const active = window.document.activeElement;
    this.opener = active instanceof HTMLElement && active !== window.document.body ? active : null;
    this.backdrop.hidden = false;
    for (const region of this.background) region.inert = true;
    this.closeButton.focus();
  }

  close(): void {
    if (!this.isOpen) return;
    this.backdrop.hidden = true;
    for (const region of this.background) region.inert = false;
    // Back to the opener (the Shortcuts button, or whatever had focus when `?` was pressed).
    const target = this.opener?.isConnected ? this.opener : byId('btn-help', HTMLElement);
    target.focus();
    this.opener = null;
  }

  private trapTab(event: KeyboardEvent): void {
    if (event.key !== 'Tab') return;
    const focusable = [...this.dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const active = window.document.activeElement;
    const index = focusable.findIndex((element) => element === active);
    const target = trappedFocusIndex(index, focusable.length, event.shiftKey);
    if (target === null) return;
    event.preventDefault();
    focusable[target].focus();
  }
}

function shortcutRow(shortcut: (typeof SHORTCUTS)[number]): HTMLTableRowElement {
  const row = make('tr', '');
  const keys = make('td', 'shortcut-keys');
  keys.append(...shortcut.keys.map((key) => make('kbd', '', key)));
  row.append(keys, make('td', '', shortcut.description));
  return row;
}
