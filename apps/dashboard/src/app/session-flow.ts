/**
 * Sign-in and sign-out around the live feed. The API token is exchanged once for an HttpOnly session
 * cookie (EventSource cannot send headers, and the page never holds the cookie); whenever the server
 * later answers 401, the feed stops and the sign-in form comes back.
 */
import type { SessionState } from '../api/client';
import { ApiError } from '../api/errors';

export interface SessionApi {
  session(): Promise<SessionState>;
  signIn(token: string): Promise<void>;
  signOut(): Promise<void>;
}

export interface FeedControl {
  start(): void;
  /** Stops the feed and marks the connection signed out. */
  signedOut(): void;
}

export interface SessionView {
  /** Hides the dashboard and shows the form, with an explanation when there is one. */
  showSignIn(message?: string): void;
  showDashboard(): void;
  setSignOutAvailable(available: boolean): void;
}

export const MESSAGES = {
  emptyToken: 'Enter an API token.',
  unreachable: 'The server could not be reached. Check the connection and try again.',
  expired: 'Your session has ended. Sign in again to continue.',
  signedOut: 'You have signed out.',
} as const;

export class SessionFlow {
  private authRequired = false;

  constructor(
    private readonly api: SessionApi,
    private readonly feed: FeedControl,
    private readonly view: SessionView,
  ) {}

  async begin(): Promise<void> {
    let state: SessionState;
    try {
      state = await this.api.session();
    } catch {
      // Unknown auth state (server down, old server): start the feed anyway. It retries on its own,
      // and if auth turns out to be required its first 401 brings up the sign-in form.
      this.startDashboard();
      return;
    }
    this.authRequired = state.authRequired;
    if (state.authRequired && !state.authenticated) this.requireSignIn();
    else this.startDashboard();
  }

  /** Returns the message to show under the field, or null once signed in and the feed is running. */
  async submitToken(rawToken: string): Promise<string | null> {
    // Pasted tokens often carry a trailing newline; no real token has surrounding whitespace.
    const token = rawToken.trim();
    if (token === '') return MESSAGES.emptyToken;
    try {
      await this.api.signIn(token);
    } catch (error) {
      return error instanceof ApiError ? error.message : MESSAGES.unreachable;
    }
    this.authRequired = true;
    this.startDashboard();
    return null;
  }

  async signOut(): Promise<void> {
    this.feed.signedOut();
    try {
      await this.api.signOut();
    } catch {
      // The cookie may outlive a failed sign-out; the form is still the right screen to show.
    }
    this.requireSignIn(MESSAGES.signedOut);
  }

  /** The feed saw a 401: the session expired or was revoked. */
  handleUnauthorised(): void {
    this.authRequired = true;
    this.requireSignIn(MESSAGES.expired);
  }

  private startDashboard(): void {
    this.view.showDashboard();
    this.view.setSignOutAvailable(this.authRequired);
    this.feed.start();
  }

  private requireSignIn(message?: string): void {
    this.feed.signedOut();
    this.view.setSignOutAvailable(false);
    this.view.showSignIn(message);
  }
}
