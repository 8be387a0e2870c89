import { FakeUpstream } from '@ai-ticket/testing';
import { jsonLines, runCli } from './support/cli-runner';
import { freePort } from './support/free-port';
import { RunningService } from './support/running-service';

const CHAT = '/v1/chat/completions';
const TOKEN = 'cli-prompt-token-0123456789abcdef';

// dist/ is built by the e2e project's globalSetup; the CLI runs as `node dist/…/cli/main.js`.
describe('ai-ticket prompt', () => {
  let upstream: FakeUpstream;
  let service: RunningService;
  let env: Record<string, string>;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    service = await RunningService.start({ KOBOLDCPP_API_URL: upstream.url, AI_TICKET_AUTH_TOKEN: `cli=${TOKEN}`, UPSTREAM_MAX_RETRIES: '0' });
    env = { AI_TICKET_URL: service.url, AI_TICKET_TOKEN: TOKEN };
  }, 30_000);
  afterAll(async () => {
    await service?.stop();
    await upstream?.close();
  });
  beforeEach(() => upstream.reset());

  it('should print the completion and exit 0', async () => {
    const result = await runCli(['prompt', 'Write a haiku about queues'], { env });

    expect(result).toEqual({ code: 0, stdout: 'echo: Write a haiku about queues\n', stderr: '' });
    expect(upstream.requests[0].headers.authorization).toBeUndefined();
  });

  it('should print {completion, requestId} with --json', async () => {
    const result = await runCli(['prompt', 'hi', '--json'], { env });

    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)).toEqual([{ completion: 'echo: hi', requestId: expect.any(String) }]);
  });

  it('should print the tokens in order as they arrive with --stream', async () => {
    upstream.enqueue(CHAT, { kind: 'stream', tokens: ['Hel', 'lo', ', ', 'wor', 'ld'], intervalMs: 250 });
    const chunks: Array<{ text: string; at: number }> = [];

    const result = await runCli(['prompt', 'hi', '--stream'], { env, onStdout: (text, at) => chunks.push({ text, at }) });

    expect(result).toEqual({ code: 0, stdout: 'Hello, world\n', stderr: '' });
    // Printed as they came, not at the end: the first token well before the last (5 tokens, 250 ms apart).
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(chunks[0].text.startsWith('Hel')).toBe(true);
    expect(chunks[chunks.length - 1].at - chunks[0].at).toBeGreaterThan(600);
  });

  it('should print every event as one JSON line with --stream --json', async () => {
    upstream.enqueue(CHAT, { kind: 'stream', tokens: ['a', 'b'] });

    const result = await runCli(['prompt', 'hi', '--stream', '--json'], { env });

    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)).toEqual([
      { delta: 'a', done: false },
      { delta: 'b', done: false },
      { delta: '', done: true },
    ]);
  });

  it('should exit 1 with the error code when the stream fails after it started', async () => {
    upstream.enqueue(CHAT, { kind: 'stream', tokens: ['one', 'two', 'three'], dropAfter: 1 });

    const human = await runCli(['prompt', 'hi', '--stream'], { env });
    upstream.enqueue(CHAT, { kind: 'stream', tokens: ['one', 'two', 'three'], dropAfter: 1 });
    const json = await runCli(['prompt', 'hi', '--stream', '--json'], { env });

    expect(human.code).toBe(1);
    expect(human.stdout).toBe('one\n');
    expect(human.stderr).toMatch(/^error: api_connection_error: .+\n$/);
    expect(json.code).toBe(1);
    expect(jsonLines(json.stdout)).toEqual([
      { delta: 'one', done: false },
      { error: 'api_connection_error', message: expect.any(String), done: true },
    ]);
  });

  it('should exit 1 and print the API error code and message when the service refuses', async () => {
    const human = await runCli(['prompt', 'hi'], { env: { AI_TICKET_URL: service.url } });
    const json = await runCli(['prompt', 'hi', '--json'], { env: { AI_TICKET_URL: service.url } });

    expect(human.code).toBe(1);
    expect(human.stdout).toBe('');
    expect(human.stderr).toMatch(/^error: unauthorised: Credentials are required: .+ \(status 401, requestId [\w-]+\)\n$/);
    expect(json.code).toBe(1);
    expect(jsonLines(json.stdout)).toEqual([{ error: 'unauthorised', message: expect.stringContaining('Credentials are required'), status: 401, requestId: expect.any(String) }]);
  });

  it('should report an upstream failure with its API error code', async () => {
    upstream.enqueue(CHAT, { kind: 'status', status: 401 });
    const human = await runCli(['prompt', 'hi'], { env });
    upstream.enqueue(CHAT, { kind: 'status', status: 401 });

    const result = await runCli(['prompt', 'hi', '--json'], { env });

    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/^error: api_authentication_error: .+ \(status 502, requestId [\w-]+, details \{"endpoint":"[^"]+","upstreamStatus":401\}\)\n$/);

    expect(result.code).toBe(1);
    expect(jsonLines(result.stdout)).toEqual([
      { error: 'api_authentication_error', message: expect.any(String), status: 502, requestId: expect.any(String), details: expect.objectContaining({ upstreamStatus: 401 }) },
    ]);
  });

  it('should take --server-url and --token over AI_TICKET_URL and AI_TICKET_TOKEN', async () => {
    const wrong = { AI_TICKET_URL: 'http://127.0.0.1:1', AI_TICKET_TOKEN: 'not-the-token-0123456789' };

    const ok = await runCli(['prompt', 'hi', '--server-url', `${service.url}/`, '--token', TOKEN], { env: wrong });
    const refused = await runCli(['prompt', 'hi', `--server-url=${service.url}`], { env: wrong });

    expect(ok).toEqual({ code: 0, stdout: 'echo: hi\n', stderr: '' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: forbidden: /);
  });

  it('should exit 3 with connection_failed when nothing answers', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;

    const human = await runCli(['prompt', 'hi', '--server-url', url], { env });
    const json = await runCli(['prompt', 'hi', '--server-url', url, '--json'], { env });

    expect(human.code).toBe(3);
    expect(human.stderr).toMatch(/^error: connection_failed: .*ECONNREFUSED/);
    expect(json.code).toBe(3);
    expect(jsonLines(json.stdout)).toEqual([{ error: 'connection_failed', message: expect.stringContaining('ECONNREFUSED') }]);
  });

  it.each([
    [[], /missing argument/],
    [['one', 'two'], /unexpected argument "two" \(quote the text as one argument\)/],
    [['hi', '--streem'], /Unknown option '--streem'/],
    [['hi', '--server-url'], /argument missing/],
    [['hi', '--server-url', 'ftp://example.com'], /only http and https/],
    [['hi', '--server-url', 'not a url'], /invalid server URL/],
  ])('should exit 2 with a usage error for prompt %j', async (args, message) => {
    const result = await runCli(['prompt', ...args], { env });

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Run "ai-ticket prompt --help" for usage.');
  });
});
