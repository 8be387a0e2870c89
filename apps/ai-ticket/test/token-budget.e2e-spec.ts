import { errorBody } from '@ai-ticket/testing';
import { useFakeUpstreamApp } from './support/fake-upstream-app';
import { postEvent } from './support/test-app';

const ALPHA = 'alpha-token-0123456789abcdef';
const BRAVO = 'bravo-token-0123456789abcdef';
// 40 characters: an estimated 10 prompt tokens; the fake answers "echo: <prompt>" (46 characters, 12 tokens).
const PROMPT = 'x'.repeat(40);
const USAGE = 10 + 12;

describe('token budgets', () => {
  // Estimated counts (no usage, no tokencount), so the arithmetic is in characters; the other sources: usage-sources.e2e-spec.ts.
  const fixture = useFakeUpstreamApp({ RATE_LIMIT_REQUESTS: '0', UPSTREAM_MAX_RETRIES: '0', USAGE_TOKENCOUNT: 'off' });
  beforeEach(() => fixture.upstream.reportUsage(false));
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  it('should reserve, charge the estimated usage, then refuse with 429 token_budget_exceeded and Retry-After', async () => {
    const app = await fixture.start({ AI_TICKET_AUTH_TOKEN: `alpha=${ALPHA} budget=30` });

    const first = await postEvent(app, { content: PROMPT, max_tokens: 16 }, as(ALPHA));
    const second = await postEvent(app, { content: PROMPT, max_tokens: 16 }, as(ALPHA));
    const refused = await postEvent(app, { content: PROMPT, max_tokens: 16 }, as(ALPHA));

    expect([first.statusCode, second.statusCode, refused.statusCode]).toEqual([200, 200, 429]);
    expect(first.headers['tokenbudget-limit']).toBe('30');
    // 30 - the 26 reserved for the first request (10 prompt + max_tokens 16).
    expect(first.headers['tokenbudget-remaining']).toBe('4');
    expect(refused.json()).toEqual({ ...errorBody.tokenBudgetExceeded, details: { budget: 30, used: 2 * USAGE, reserved: 0, windowSeconds: 86_400 } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(86_400);
    expect(refused.headers['tokenbudget-remaining']).toBe('0');
    expect(fixture.upstream.requests).toHaveLength(2);
  });

  it('should keep budgets per client, and leave clients without one unlimited', async () => {
    const app = await fixture.start({ AI_TICKET_AUTH_TOKEN: `alpha=${ALPHA} budget=1,bravo=${BRAVO}` });

    await postEvent(app, { content: PROMPT }, as(ALPHA));
    const alphaAgain = await postEvent(app, { content: PROMPT }, as(ALPHA));
    const bravo = await Promise.all([1, 2, 3].map(() => postEvent(app, { content: PROMPT }, as(BRAVO))));

    expect(alphaAgain.statusCode).toBe(429);
    expect(bravo.map((res) => res.statusCode)).toEqual([200, 200, 200]);
    expect(bravo[0].headers['tokenbudget-limit']).toBeUndefined();
  });

  it('should apply TOKEN_BUDGET to every caller, by address when authentication is off', async () => {
    const app = await fixture.start({ TOKEN_BUDGET: '1', TOKEN_BUDGET_WINDOW_SECONDS: '3600' });

    expect((await postEvent(app, { content: PROMPT })).statusCode).toBe(200);
    const refused = await postEvent(app, { content: PROMPT });

    expect(refused.statusCode).toBe(429);
    expect(refused.json().details).toMatchObject({ budget: 1, windowSeconds: 3600 });
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
  });

  it('should release the reservation of an event the upstream failed, charging nothing', async () => {
    const app = await fixture.start({ AI_TICKET_AUTH_TOKEN: `alpha=${ALPHA} budget=26` });
    // Every endpoint the gateway may fall back to fails.
    for (const path of ['/v1/chat/completions', '/v1/completions', '/api/v1/generate']) fixture.upstream.setDefault(path, { kind: 'status', status: 500 });

    const failed = await postEvent(app, { content: PROMPT, max_tokens: 16 }, as(ALPHA));
    fixture.upstream.reset();
    const next = await postEvent(app, { content: PROMPT, max_tokens: 16 }, as(ALPHA));

    expect(failed.statusCode).toBe(502);
    expect(next.statusCode).toBe(200);
  });

  it('should count every client\'s prompt and completion tokens in Prometheus, streamed answers included', async () => {
    // A client name of its own: the metrics registry lives as long as the test file.
    const app = await fixture.start({ AI_TICKET_AUTH_TOKEN: `counted=${ALPHA}` });

    await postEvent(app, { content: PROMPT }, as(ALPHA));
    await postEvent(app, { content: PROMPT, stream: true }, as(ALPHA));
    const metrics = (await app.inject({ method: 'GET', url: '/metrics', headers: as(ALPHA) })).body;

    expect(metrics).toContain('ai_ticket_tokens_total{client="counted",kind="prompt",source="estimate"} 20');
    expect(metrics).toContain('ai_ticket_tokens_total{client="counted",kind="completion",source="estimate"} 24');
  });
});
