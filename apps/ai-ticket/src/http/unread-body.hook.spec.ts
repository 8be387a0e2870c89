import Fastify, { type FastifyInstance } from 'fastify';
import { trickleRequest } from '../../test/support/trickle-request';
import { answerAfterUnreadBody } from './unread-body.hook';

describe('answerAfterUnreadBody', () => {
  const WAIT_MS = 300;
  let fastify: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    fastify = Fastify({ bodyLimit: 1024 });
    answerAfterUnreadBody(fastify, WAIT_MS);
    fastify.post('/event', async () => ({ ok: true }));
    url = await fastify.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => fastify.close());

  it('should answer a refused body only once the client has sent all of it, and close cleanly', async () => {
    const body = Buffer.alloc(512 * 1024, 'x');

    const answer = await trickleRequest(url, { body, chunkBytes: 32 * 1024, pauseMs: 5 });

    expect(answer.error).toBeUndefined();
    expect(answer.bytesWritten).toBe(body.length);
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
  });

  it('should not wait longer than its bound for a client that stops sending', async () => {
    const answer = await trickleRequest(url, { body: Buffer.alloc(512 * 1024, 'x'), stopAfterBytes: 64 * 1024 });

    expect(answer.status).toBe(413);
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(WAIT_MS - 20);
    expect(answer.elapsedMs).toBeLessThan(WAIT_MS + 2_000);
  });

  it('should not delay an answer to a request it has fully received', async () => {
    const answer = await trickleRequest(url, { body: Buffer.from('{"small": true}') });

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: true });
    expect(answer.elapsedMs).toBeLessThan(WAIT_MS);
  });
});
