import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorBody } from '@ai-ticket/testing';
import { EventRecorder } from '../src/metrics/history/event-recorder.service';
import { useFakeUpstreamApp } from './support/fake-upstream-app';
import { postEvent } from './support/test-app';

const ALPHA = 'alpha-token-0123456789abcdef';
const BRAVO = 'bravo-token-0123456789abcdef';
const as = (token: string) => ({ authorization: `Bearer ${token}` });
// 40 characters: an estimated 10 prompt tokens; the fake answers "echo: <prompt>" (12 tokens).
const PROMPT = 'z'.repeat(40);

describe('GET /api/usage', () => {
  // Estimated counts (no usage, no tokencount), so the arithmetic is in characters; the other sources: usage-sources.e2e-spec.ts.
  const fixture = useFakeUpstreamApp({ RATE_LIMIT_REQUESTS: '0', AI_TICKET_AUTH_TOKEN: `alpha=${ALPHA},bravo=${BRAVO}`, USAGE_TOKENCOUNT: 'off' });
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ai-ticket-usage-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Two events for alpha (one streamed), one for bravo, one bravo event the upstream failed; then the history is written. */
  async function startWithTraffic(env: Record<string, string> = {}) {
    const app = await fixture.start(env);
    fixture.upstream.reportUsage(false);
    await postEvent(app, { content: PROMPT }, as(ALPHA));
    await postEvent(app, { content: PROMPT, stream: true }, as(ALPHA));
    await postEvent(app, { content: PROMPT }, as(BRAVO));
    for (const path of ['/v1/chat/completions', '/v1/completions', '/api/v1/generate']) fixture.upstream.setDefault(path, { kind: 'status', status: 400 });
    await postEvent(app, { content: PROMPT }, as(BRAVO));
    await app.get(EventRecorder).flush();
    return app;
  }

  it.each([
    ['memory', false],
    ['sqlite', true],
  ])('should report tokens and requests per client, heaviest first (%s history)', async (_name, sqlite) => {
    const app = await startWithTraffic(sqlite ? { AI_TICKET_METRICS_DB: join(dir, `usage-${Date.now()}.sqlite`) } : {});

    const res = await app.inject({ method: 'GET', url: '/api/usage', headers: as(ALPHA) });

    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(25 * 3_600_000); // the last 24 h, in whole hours
    expect(body.clients).toEqual([
      { client: 'alpha', requests: 2, promptTokens: 20, completionTokens: 24, totalTokens: 44, estimatedRequests: 2 },
      { client: 'bravo', requests: 2, promptTokens: 10, completionTokens: 12, totalTokens: 22, estimatedRequests: 1 },
    ]);
  });

  it('should answer CSV with format=csv, and nothing for a range without traffic', async () => {
    const app = await startWithTraffic();

    const csv = await app.inject({ method: 'GET', url: '/api/usage?format=csv', headers: as(ALPHA) });
    const empty = await app.inject({ method: 'GET', url: '/api/usage?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z', headers: as(ALPHA) });

    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="usage-.+\.csv"$/);
    expect(csv.body).toBe('client,requests,prompt_tokens,completion_tokens,total_tokens,estimated_requests\r\nalpha,2,20,24,44,2\r\nbravo,2,10,12,22,1\r\n');
    expect(empty.json()).toEqual({ from: '2020-01-01T00:00:00.000Z', to: '2020-01-02T00:00:00.000Z', clients: [] });
  });

  it.each([
    ['from=yesterday', 'from'],
    ['from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z', 'from'],
    ['from=2020-01-01T00:00:00Z&to=2025-01-01T00:00:00Z', 'from'],
    ['format=xml', 'format'],
  ])('should refuse %s with 400 invalid_request naming the field', async (query, field) => {
    const app = await fixture.start({});

    const res = await app.inject({ method: 'GET', url: `/api/usage?${query}`, headers: as(ALPHA) });

    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ ...errorBody.invalidRequest, details: { field } });
  });

  it('should need credentials like the other dashboard APIs', async () => {
    const app = await fixture.start({});

    expect((await app.inject({ method: 'GET', url: '/api/usage' })).statusCode).toBe(401);
  });
});
