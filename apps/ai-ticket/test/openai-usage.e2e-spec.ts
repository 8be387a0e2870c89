import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EventRecorder } from '../src/metrics/history/event-recorder.service';
import { useFakeUpstreamApp } from './support/fake-upstream-app';
import { settledUsage } from './support/settled-usage';

const ALPHA = 'alpha-token-0123456789abcdef';
const as = { authorization: `Bearer ${ALPHA}`, 'content-type': 'application/json' };
const CHAT = { model: 'm', messages: [{ role: 'user', content: 'one two three' }] };

/** The OpenAI routes under the same token budgets and usage accounting as `/event`. */
describe('OpenAI routes: token budgets and usage', () => {
  const fixture = useFakeUpstreamApp({ RATE_LIMIT_REQUESTS: '0', UPSTREAM_MAX_RETRIES: '0' });
  const chat = (app: NestFastifyApplication, body: object = CHAT) =>
    app.inject({ method: 'POST', url: '/v1/chat/completions', headers: as, payload: JSON.stringify(body) });

  it("should charge the upstream's reported usage and refuse in OpenAI's shape once the budget is spent", async () => {
    const app = await fixture.start({ AI_TICKET_AUTH_TOKEN: `alpha=${ALPHA} budget=10` });

    const first = await chat(app, { ...CHAT, max_tokens: 8 });
    const second = await chat(app, { ...CHAT, max_tokens: 8 });
    const refused = await chat(app, { ...CHAT, max_tokens: 8 });

    expect([first.statusCode, second.statusCode, refused.statusCode]).toEqual([200, 200, 429]);
    expect(first.headers['tokenbudget-limit']).toBe('10');
    // Admitted while the charged usage is under the budget; each is charged the upstream's 7 tokens (3 + 4).
    expect(refused.json()).toEqual({ error: { message: expect.any(String), type: 'rate_limit_error', param: null, code: 'token_budget_exceeded' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(fixture.upstream.requests).toHaveLength(2);
  });

  it('should record the upstream-reported usage (not an estimate) per client, streamed or not', async () => {
    const app = await fixture.start({ AI_TICKET_AUTH_TOKEN: `alpha=${ALPHA}` });

    await chat(app);
    await chat(app, { ...CHAT, stream: true, stream_options: { include_usage: true } });
    await app.get(EventRecorder).flush();
    const usage = await app.inject({ method: 'GET', url: '/api/usage', headers: as });

    // The fake counts words: 3 prompt tokens, and "echo: one two three" is 4 completion tokens.
    expect(usage.json().clients).toEqual([{ client: 'alpha', requests: 2, promptTokens: 6, completionTokens: 8, totalTokens: 14, estimatedRequests: 0 }]);
  });

  it('should ask the upstream for the usage of a stream whose caller did not, and forward none', async () => {
    const app = await fixture.start({ AI_TICKET_AUTH_TOKEN: `alpha=${ALPHA}` });

    const res = await chat(app, { ...CHAT, stream: true });
    await app.get(EventRecorder).flush();
    const usage = await app.inject({ method: 'GET', url: '/api/usage', headers: as });

    expect(fixture.upstream.requests[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(res.body).not.toContain('usage');
    expect(usage.json().clients).toEqual([expect.objectContaining({ client: 'alpha', requests: 1, promptTokens: 3, completionTokens: 4, estimatedRequests: 0 })]);
  });

  it("should count with the upstream's tokencount when it reports no usage, else estimate", async () => {
    const app = await fixture.start({ AI_TICKET_AUTH_TOKEN: `alpha=${ALPHA}` });
    fixture.upstream.reportUsage(false);

    await chat(app);
    await settledUsage(app, as, 1);
    fixture.upstream.offerTokenCount(false);
    await chat(app, { ...CHAT, stream: true });

    // The fake's tokencount counts characters: "User: one two three\nAssistant:" is 30, "echo: …" 19; the estimate is 8 + 5.
    expect(await settledUsage(app, as, 2)).toEqual({ client: 'alpha', requests: 2, promptTokens: 30 + 8, completionTokens: 19 + 5, totalTokens: 62, estimatedRequests: 1 });
  });
});
