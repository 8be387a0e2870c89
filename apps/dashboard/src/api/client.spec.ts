import { ApiClient, type FetchLike } from './client';
import { ApiError, UnauthorisedError } from './errors';

const PAGE = 'https://ops.example/ai-ticket/dashboard/';

function fakeFetch(status: number, body = '') {
  const calls: Array<{ url: string; init: Parameters<FetchLike>[1] }> = [];
  const fn: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return { status, ok: status >= 200 && status < 300, text: async () => body };
  };
  return { fn, calls };
}

describe(ApiClient.name, () => {
  describe('session', () => {
    it('should read the session state from the prefixed endpoint', async () => {
      const fetch = fakeFetch(200, '{"authRequired":true,"authenticated":false}');
      await expect(new ApiClient(fetch.fn, () => PAGE).session()).resolves.toEqual({ authRequired: true, authenticated: false });
      expect(fetch.calls[0].url).toBe('https://ops.example/ai-ticket/api/session');
      expect(fetch.calls[0].init).toMatchObject({ method: 'GET', credentials: 'same-origin', cache: 'no-store' });
    });
  });

  describe('signIn', () => {
    it('should POST the token as JSON once and accept a 204', async () => {
      const fetch = fakeFetch(204);
      await new ApiClient(fetch.fn, () => PAGE).signIn('s3cret');
      expect(fetch.calls).toHaveLength(1);
      expect(fetch.calls[0].init).toMatchObject({ method: 'POST', body: '{"token":"s3cret"}' });
      expect(fetch.calls[0].init.headers['content-type']).toBe('application/json');
    });

    it('should reject a refused token with an UnauthorisedError carrying the message', async () => {
      const fetch = fakeFetch(401, '{"error":"invalid_token","message":"Unknown API token"}');
      await expect(new ApiClient(fetch.fn, () => PAGE).signIn('nope')).rejects.toEqual(
        expect.objectContaining({ name: 'UnauthorisedError', message: 'Unknown API token' }),
      );
    });
  });

  describe('summary', () => {
    it('should parse the snapshot', async () => {
      const fetch = fakeFetch(200, '{"timestamp":"2026-11-23T00:25:00.000Z","totals":{"requests":3}}');
      const snapshot = await new ApiClient(fetch.fn, () => PAGE).summary();
      expect(snapshot.totals.requests).toBe(3);
      expect(fetch.calls[0].url).toBe('https://ops.example/ai-ticket/api/metrics/summary');
    });

    it('should throw UnauthorisedError on a 401 so the page can ask for sign-in', async () => {
      const fetch = fakeFetch(401, '{"error":"unauthorised"}');
      await expect(new ApiClient(fetch.fn, () => PAGE).summary()).rejects.toBeInstanceOf(UnauthorisedError);
    });

    it('should throw a plain ApiError on a server error', async () => {
      const error = await new ApiClient(fakeFetch(503).fn, () => PAGE).summary().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).not.toBeInstanceOf(UnauthorisedError);
    });
  });

  describe('usage', () => {
    it('should ask for the range as epoch milliseconds and parse the report', async () => {
      const fetch = fakeFetch(200, '{"from":"2026-12-04T21:00:00.000Z","to":"2026-12-04T22:00:00.000Z","clients":[{"client":"ci","requests":1}]}');
      const report = await new ApiClient(fetch.fn, () => PAGE).usage({ from: 1_000, to: 2_000 });
      expect(report.clients[0]).toMatchObject({ client: 'ci', requests: 1 });
      expect(fetch.calls[0].url).toBe('https://ops.example/ai-ticket/api/usage?from=1000&to=2000');
    });
  });
});
