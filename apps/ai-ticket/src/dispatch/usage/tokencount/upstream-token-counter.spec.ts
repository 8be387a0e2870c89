import { TOKENCOUNT_PATH, UpstreamTokenCounter, type TokenCountTransport } from './upstream-token-counter';

/** Answers each POST with the next scripted reply (or error) and records the requests. */
function transport(...replies: ({ status: number; body: unknown } | Error)[]) {
  const requests: unknown[] = [];
  const http: TokenCountTransport = {
    postSmallJson: (path, body, timeoutMs) => {
      requests.push({ path, body, timeoutMs });
      const next = replies.shift() ?? new Error('nothing scripted');
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    },
  };
  return { http, requests };
}

describe(UpstreamTokenCounter.name, () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000));

  describe('count', () => {
    it("should ask KoboldCPP's tokencount with the text as prompt and read its value", async () => {
      const { http, requests } = transport({ status: 200, body: { value: 5, ids: [1, 2, 3, 4, 5] } });
      const sut = new UpstreamTokenCounter(http, 60_000, clock);

      await expect(sut.count('hello there', 2_000)).resolves.toBe(5);
      expect(requests).toEqual([{ path: TOKENCOUNT_PATH, body: { prompt: 'hello there' }, timeoutMs: 2_000 }]);
    });

    it('should count an empty text as 0 without asking', async () => {
      const { http, requests } = transport();
      const sut = new UpstreamTokenCounter(http, 60_000, clock);

      await expect(sut.count('', 2_000)).resolves.toBe(0);
      expect(requests).toEqual([]);
    });

    it.each([
      ['a 400 with value -1', { status: 400, body: { value: -1 } }],
      ['a 500', { status: 500, body: undefined }],
      ['a body without value', { status: 200, body: { ids: [] } }],
      ['a fractional value', { status: 200, body: { value: 1.5 } }],
      ['a body that is not JSON', { status: 200, body: undefined }],
    ])('should answer undefined for %s and stay available', async (_case, reply) => {
      const sut = new UpstreamTokenCounter(transport(reply).http, 60_000, clock);

      await expect(sut.count('text', 2_000)).resolves.toBeUndefined();
      expect(sut.available).toBe(true);
    });

    it('should reject on a transport failure and stay available', async () => {
      const sut = new UpstreamTokenCounter(transport(new Error('ECONNRESET')).http, 60_000, clock);

      await expect(sut.count('text', 2_000)).rejects.toThrow('ECONNRESET');
      expect(sut.available).toBe(true);
    });
  });

  describe('available', () => {
    it.each([404, 405, 501])('should be false after a %i until the re-check time', async (status) => {
      const sut = new UpstreamTokenCounter(transport({ status, body: { detail: 'Not Found' } }).http, 60_000, clock);

      await expect(sut.count('text', 2_000)).resolves.toBeUndefined();
      expect(sut.available).toBe(false);
      now += 59_999;
      expect(sut.available).toBe(false);
      now += 1;
      expect(sut.available).toBe(true);
    });
  });
});
