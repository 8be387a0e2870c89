import { UpstreamFailure, failureForStatus, parseRetryAfter, type UpstreamFailureKind } from './upstream-failure';

describe(failureForStatus.name, () => {
  it.each<[number, UpstreamFailureKind]>([
    [429, 'rate-limited'],
    [503, 'busy'],
    [401, 'auth'],
    [403, 'auth'],
    [404, 'not-found'],
    [405, 'not-found'],
    [501, 'not-found'],
    [500, 'server'],
    [502, 'server'],
    [504, 'server'],
    [400, 'client'],
    [422, 'client'],
  ])('should classify status %d as %s', (status, kind) => {
    expect(failureForStatus(status, 'chat').kind).toBe(kind);
  });

  it('should keep the endpoint, status and Retry-After advice', () => {
    const failure = failureForStatus(429, 'completions', 2_000);

    expect(failure).toBeInstanceOf(UpstreamFailure);
    expect(failure.details).toEqual({ endpoint: 'completions', status: 429, retryAfterMs: 2_000 });
  });

  it('should name the missing API in the message of a not-found failure', () => {
    expect(failureForStatus(404, 'native').message).toContain('native');
  });
});

describe(parseRetryAfter.name, () => {
  const now = Date.parse('2030-01-01T00:00:00Z');

  it('should read whole seconds', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
  });

  it('should read decimal seconds', () => {
    expect(parseRetryAfter('1.5')).toBe(1_500);
  });

  it('should read seconds surrounded by whitespace', () => {
    expect(parseRetryAfter(' 3 ')).toBe(3_000);
  });

  it('should read an HTTP date as the time left until it', () => {
    expect(parseRetryAfter('Tue, 01 Jan 2030 00:00:30 GMT', now)).toBe(30_000);
  });

  it('should read an HTTP date in the past as zero', () => {
    expect(parseRetryAfter('Mon, 31 Dec 2029 23:59:00 GMT', now)).toBe(0);
  });

  it.each(['soon', 'abc', '', '   '])('should return undefined for %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });

  it.each(['-5', 'foo 1', 'later 2099'])('should return undefined for the non-date %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });

  it('should return undefined when there is no header', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('should read the first value of a repeated header', () => {
    expect(parseRetryAfter(['7', '99'])).toBe(7_000);
  });

  it('should return undefined for an empty header list', () => {
    expect(parseRetryAfter([])).toBeUndefined();
  });
});
