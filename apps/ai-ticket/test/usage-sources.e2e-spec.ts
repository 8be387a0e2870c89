import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { useFakeUpstreamApp } from './support/fake-upstream-app';
import { settledUsage } from './support/settled-usage';
import { postEvent } from './support/test-app';

const TOKEN = 'usage-token-0123456789abcdef';
const PROMPT = 'one two three four';
// The fake echoes the prompt. Its `usage` counts words (4 and 5), its tokencount characters (18 and 24);
// our estimate is four characters per token (5 and 6): each source gives different numbers.
const COMPLETION = `echo: ${PROMPT}`;
const TOKENCOUNT = '/api/extra/tokencount';

/** Where `/event`'s token counts come from: the upstream's `usage`, else KoboldCPP's tokencount, else an estimate. */
describe('usage sources', () => {
  const fixture = useFakeUpstreamApp({ RATE_LIMIT_REQUESTS: '0', UPSTREAM_MAX_RETRIES: '0' });
  const as = { authorization: `Bearer ${TOKEN}` };
  // The metrics registry lives as long as the file: each test has a client name of its own.
  const start = (client: string, env: Record<string, string> = {}) => fixture.start({ AI_TICKET_AUTH_TOKEN: `${client}=${TOKEN}`, ...env });
  const tokenCountRequests = () => fixture.upstream.requests.filter((request) => request.path === TOKENCOUNT);

  const usageOf = (app: NestFastifyApplication, requests: number) => settledUsage(app, as, requests);
  const tokensMetric = async (app: NestFastifyApplication, client: string) =>
    (await app.inject({ method: 'GET', url: '/metrics', headers: as })).body.split('\n').filter((line) => line.startsWith(`ai_ticket_tokens_total{client="${client}"`));

  it("should count from the upstream's usage when it reports one, without asking its tokenizer", async () => {
    const app = await start('reported');

    expect((await postEvent(app, { content: PROMPT }, as)).json()).toEqual({ completion: COMPLETION });

    expect(await usageOf(app, 1)).toEqual({ client: 'reported', requests: 1, promptTokens: 4, completionTokens: 5, totalTokens: 9, estimatedRequests: 0 });
    expect(await tokensMetric(app, 'reported')).toEqual([
      'ai_ticket_tokens_total{client="reported",kind="prompt",source="upstream"} 4',
      'ai_ticket_tokens_total{client="reported",kind="completion",source="upstream"} 5',
    ]);
    expect(tokenCountRequests()).toEqual([]);
  });

  it('should ask a streaming OpenAI-style upstream for its usage, and keep the /event stream as it was', async () => {
    const app = await start('streamed');

    const res = await postEvent(app, { content: PROMPT, stream: true }, as);

    const events = res.body.split('\n\n').filter((block) => block.startsWith('data: ')).map((block) => JSON.parse(block.slice('data: '.length)) as unknown);
    expect(events).toEqual([
      { delta: 'echo:', done: false },
      { delta: ' one', done: false },
      { delta: ' two', done: false },
      { delta: ' three', done: false },
      { delta: ' four', done: false },
      { delta: '', done: true },
    ]);
    expect(fixture.upstream.requests[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(await usageOf(app, 1)).toMatchObject({ promptTokens: 4, completionTokens: 5, estimatedRequests: 0 });
    expect(tokenCountRequests()).toEqual([]);
  });

  it.each([
    ['an OpenAI answer without usage', false],
    ['a streamed OpenAI answer without usage', true],
  ])("should count %s with the upstream's tokencount, after the answer", async (_case, stream) => {
    const client = stream ? 'counted-stream' : 'counted';
    const app = await start(client);
    fixture.upstream.reportUsage(false);

    expect((await postEvent(app, { content: PROMPT, stream }, as)).statusCode).toBe(200);

    expect(await usageOf(app, 1)).toEqual({ client, requests: 1, promptTokens: 18, completionTokens: 24, totalTokens: 42, estimatedRequests: 0 });
    expect(await tokensMetric(app, client)).toEqual([
      `ai_ticket_tokens_total{client="${client}",kind="prompt",source="tokencount"} 18`,
      `ai_ticket_tokens_total{client="${client}",kind="completion",source="tokencount"} 24`,
    ]);
    expect(tokenCountRequests().map((request) => request.body)).toEqual(expect.arrayContaining([{ prompt: PROMPT }, { prompt: COMPLETION }]));
  });

  it("should count the native KoboldAI API's answers (never with usage) with tokencount", async () => {
    const app = await start('native');
    for (const path of ['/v1/chat/completions', '/v1/completions']) fixture.upstream.setDefault(path, { kind: 'status', status: 404 });

    expect((await postEvent(app, { content: PROMPT }, as)).json()).toEqual({ completion: COMPLETION });

    expect(await usageOf(app, 1)).toMatchObject({ promptTokens: 18, completionTokens: 24, estimatedRequests: 0 });
    expect(fixture.upstream.requests.map((request) => request.path)).toEqual(expect.arrayContaining(['/api/v1/generate', TOKENCOUNT]));
  });

  it('should charge the token budget what tokencount counted', async () => {
    const app = await fixture.start({ AI_TICKET_AUTH_TOKEN: `budgeted=${TOKEN} budget=100` });
    fixture.upstream.reportUsage(false);

    await postEvent(app, { content: PROMPT, max_tokens: 8 }, as);
    await usageOf(app, 1);
    const next = await postEvent(app, { content: PROMPT, max_tokens: 8 }, as);

    // 100 - the 42 counted for the first - the 13 reserved for this one (an estimated 5 prompt + max_tokens 8).
    expect(next.headers['tokenbudget-remaining']).toBe('45');
  });

  it('should estimate, marked as such, when tokencount is missing (404), and not ask again for a while', async () => {
    const app = await start('estimated');
    fixture.upstream.reportUsage(false).offerTokenCount(false);

    await postEvent(app, { content: PROMPT }, as);
    expect(await usageOf(app, 1)).toEqual({ client: 'estimated', requests: 1, promptTokens: 5, completionTokens: 6, totalTokens: 11, estimatedRequests: 1 });
    const asked = tokenCountRequests().length;
    await postEvent(app, { content: PROMPT }, as);

    expect(await usageOf(app, 2)).toMatchObject({ promptTokens: 10, completionTokens: 12, estimatedRequests: 2 });
    expect(asked).toBeGreaterThan(0);
    expect(tokenCountRequests()).toHaveLength(asked);
    expect(await tokensMetric(app, 'estimated')).toEqual([
      'ai_ticket_tokens_total{client="estimated",kind="prompt",source="estimate"} 10',
      'ai_ticket_tokens_total{client="estimated",kind="completion",source="estimate"} 12',
    ]);
  });

  it('should estimate without asking the upstream when USAGE_TOKENCOUNT=off', async () => {
    const app = await start('off', { USAGE_TOKENCOUNT: 'off' });
    fixture.upstream.reportUsage(false);

    await postEvent(app, { content: PROMPT }, as);

    expect(await usageOf(app, 1)).toMatchObject({ promptTokens: 5, completionTokens: 6, estimatedRequests: 1 });
    expect(tokenCountRequests()).toEqual([]);
  });
});
