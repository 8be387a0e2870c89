import { ApiError, UnauthorisedError } from '../api/errors';
import { MESSAGES, SessionFlow, type SessionApi } from './session-flow';

function setup(api: Partial<SessionApi>) {
  const fullApi: SessionApi = {
    session: jest.fn(async () => ({ authRequired: false, authenticated: false })),
    signIn: jest.fn(async () => undefined),
    signOut: jest.fn(async () => undefined),
    ...api,
  };
  const feed = { start: jest.fn(), signedOut: jest.fn() };
  const view = { showSignIn: jest.fn(), showDashboard: jest.fn(), setSignOutAvailable: jest.fn() };
  return { flow: new SessionFlow(fullApi, feed, view), api: fullApi, feed, view };
}

describe(SessionFlow.name, () => {
  describe('begin', () => {
    it('should start the feed without a sign-out button when auth is off', async () => {
      const { flow, feed, view } = setup({});
      await flow.begin();
      expect(feed.start).toHaveBeenCalledTimes(1);
      expect(view.setSignOutAvailable).toHaveBeenLastCalledWith(false);
      expect(view.showSignIn).not.toHaveBeenCalled();
    });

    it('should ask for a token when auth is on and there is no session', async () => {
      const { flow, feed, view } = setup({ session: async () => ({ authRequired: true, authenticated: false }) });
      await flow.begin();
      expect(view.showSignIn).toHaveBeenCalledTimes(1);
      expect(feed.start).not.toHaveBeenCalled();
      expect(feed.signedOut).toHaveBeenCalled();
    });

    it('should resume an existing session with a sign-out button', async () => {
      const { flow, feed, view } = setup({ session: async () => ({ authRequired: true, authenticated: true }) });
      await flow.begin();
      expect(feed.start).toHaveBeenCalledTimes(1);
      expect(view.setSignOutAvailable).toHaveBeenLastCalledWith(true);
    });

    it('should start the feed when the session check fails, leaving 401 handling to it', async () => {
      const { flow, feed } = setup({ session: async () => Promise.reject(new TypeError('Failed to fetch')) });
      await flow.begin();
      expect(feed.start).toHaveBeenCalledTimes(1);
    });
  });

  describe('submitToken', () => {
    it('should POST the trimmed token once and start the feed', async () => {
      const { flow, api, feed } = setup({});
      await expect(flow.submitToken('  tok-123\n')).resolves.toBeNull();
      expect(api.signIn).toHaveBeenCalledTimes(1);
      expect(api.signIn).toHaveBeenCalledWith('tok-123');
      expect(feed.start).toHaveBeenCalledTimes(1);
    });

    it('should not send an empty token', async () => {
      const { flow, api } = setup({});
      await expect(flow.submitToken('   ')).resolves.toBe(MESSAGES.emptyToken);
      expect(api.signIn).not.toHaveBeenCalled();
    });

    it('should return the server message for a refused token and keep the feed stopped', async () => {
      const { flow, feed } = setup({ signIn: async () => Promise.reject(new UnauthorisedError(401, 'invalid_token', 'Unknown token')) });
      await expect(flow.submitToken('bad')).resolves.toBe('Unknown token');
      expect(feed.start).not.toHaveBeenCalled();
    });

    it('should explain a network failure', async () => {
      const { flow } = setup({ signIn: async () => Promise.reject(new TypeError('Failed to fetch')) });
      await expect(flow.submitToken('tok')).resolves.toBe(MESSAGES.unreachable);
    });

    it('should pass through other API errors', async () => {
      const { flow } = setup({ signIn: async () => Promise.reject(new ApiError(429, 'rate_limited', 'Too many attempts')) });
      await expect(flow.submitToken('tok')).resolves.toBe('Too many attempts');
    });
  });

  describe('signOut and handleUnauthorised', () => {
    it('should stop the feed and show the form after signing out, even if the request fails', async () => {
      const { flow, feed, view } = setup({ signOut: async () => Promise.reject(new TypeError('offline')) });
      await flow.signOut();
      expect(feed.signedOut).toHaveBeenCalled();
      expect(view.showSignIn).toHaveBeenCalledWith(MESSAGES.signedOut);
      expect(view.setSignOutAvailable).toHaveBeenLastCalledWith(false);
    });

    it('should explain an expired session', () => {
      const { flow, feed, view } = setup({});
      flow.handleUnauthorised();
      expect(feed.signedOut).toHaveBeenCalled();
      expect(view.showSignIn).toHaveBeenCalledWith(MESSAGES.expired);
    });
  });
});
