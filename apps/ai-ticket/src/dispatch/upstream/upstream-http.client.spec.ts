import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AttemptScope } from './attempt-scope';
import { UpstreamHttpClient } from './upstream-http.client';
import { CallerAbortedError, UpstreamFailure } from './upstream-failure';

type Answer = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP server on loopback whose answer each test sets. */
async function serverAnswering(answer: { current: Answer }): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => answer.current(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe(`${UpstreamHttpClient.name}.postForJson`, () => {
  const answer: { current: Answer } = { current: (_request, response) => response.end() };
  let server: Server;
  let client: UpstreamHttpClient;
  let caller: AbortController;
  let scope: AttemptScope;

  beforeAll(async () => {
    const started = await serverAnswering(answer);
    server = started.server;
    client = new UpstreamHttpClient({ baseUrl: started.url, slots: 2 });
  });
  afterAll(async () => {
    await client.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    caller = new AbortController();
    scope = new AttemptScope(caller.signal, 5_000);
  });
  afterEach(() => scope.dispose());

  const post = (maxBytes = 1024) => client.postForJson('chat', '/v1/chat/completions', { messages: [] }, scope, maxBytes);
  const failure = async (maxBytes?: number) => {
    const error = await post(maxBytes).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamFailure);
    return error as UpstreamFailure;
  };

  it('should resolve with the whole body of a 2xx answer and send our JSON', async () => {
    let received: { method?: string; type?: string } = {};
    answer.current = (request, response) => {
      received = { method: request.method, type: request.headers['content-type'] };
      response.setHeader('content-type', 'application/json');
      response.write('{"choices":');
      response.end('[]}');
    };

    await expect(post()).resolves.toBe('{"choices":[]}');
    expect(received).toEqual({ method: 'POST', type: 'application/json' });
  });

  it("should turn a refusal into the status's failure with its Retry-After, and keep the connection usable", async () => {
    answer.current = (_request, response) => response.writeHead(503, { 'retry-after': '2' }).end('{"detail":"busy"}');

    const refused = await failure();
    expect(refused).toMatchObject({ kind: 'busy', details: { endpoint: 'chat', status: 503, retryAfterMs: 2_000 } });

    answer.current = (_request, response) => response.end('{}');
    await expect(post()).resolves.toBe('{}');
  });

  it('should refuse an event stream where JSON was expected', async () => {
    answer.current = (_request, response) => response.writeHead(200, { 'content-type': 'text/event-stream' }).end('data: {}\n\n');

    expect(await failure()).toMatchObject({ kind: 'format', message: expect.stringContaining('stream') });
  });

  it('should refuse an answer over the size limit without buffering it', async () => {
    answer.current = (_request, response) => response.end('x'.repeat(4096));

    expect(await failure(1024)).toMatchObject({ kind: 'format', message: expect.stringContaining('1024 bytes') });
  });

  it('should report the caller leaving mid-answer as the caller aborting, not an upstream failure', async () => {
    answer.current = (_request, response) => {
      response.write('{"choices":');
      caller.abort();
    };

    await expect(post()).rejects.toBeInstanceOf(CallerAbortedError);
  });

  it('should report an attempt past its deadline as a timeout', async () => {
    scope.dispose();
    scope = new AttemptScope(caller.signal, 50);
    answer.current = (_request, response) => setTimeout(() => response.end('{}'), 500);

    expect(await failure()).toMatchObject({ kind: 'timeout' });
  });

  it('should report an upstream that stalls mid-answer, past the deadline, as a timeout', async () => {
    scope.dispose();
    scope = new AttemptScope(caller.signal, 50);
    answer.current = (_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.write('{"choices":');
      setTimeout(() => response.end('[]}'), 500);
    };

    expect(await failure()).toMatchObject({ kind: 'timeout' });
  });

  it('should report an unreachable upstream as a connection failure', async () => {
    const closed = await serverAnswering(answer);
    await new Promise((resolve) => closed.server.close(resolve));
    const unreachable = new UpstreamHttpClient({ baseUrl: closed.url, slots: 1 });

    const error = await unreachable.postForJson('chat', '/v1/chat/completions', {}, scope, 1024).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ kind: 'connection' });
    await unreachable.destroy();
  });
});
