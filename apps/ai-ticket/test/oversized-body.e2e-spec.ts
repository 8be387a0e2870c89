import { errorBody } from '@ai-ticket/testing';
import { startTestApp, type TestApp } from './support/test-app';
import { trickleRequest } from './support/trickle-request';

/**
 * A body over BODY_LIMIT_BYTES is refused from its Content-Length, before it is read. The refusal must
 * still reach a client that is sending the rest of it (as nginx does in the Compose set-up): the
 * connection must not be reset under it, which would leave it with EPIPE/ECONNRESET (nginx: a 502 page).
 */
describe('POST /event with a body over BODY_LIMIT_BYTES, over a real socket', () => {
  let sut: TestApp;
  const oversized = Buffer.from(JSON.stringify({ content: 'x'.repeat(1_500_000) }));

  beforeAll(async () => {
    sut = await startTestApp({ BODY_LIMIT_BYTES: String(1024 * 1024) }, { listen: true });
  });
  afterAll(() => sut.close());

  it.each([
    ['a keep-alive client', {}],
    ['a client that asks to close the connection', { connection: 'close' }],
  ])('should take the whole body from %s, then answer 413 payload_too_large and close cleanly', async (_client, headers) => {
    const answer = await trickleRequest(sut.url, { body: oversized, headers });

    expect(answer.error).toBeUndefined();
    expect(answer.bytesWritten).toBe(oversized.length);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual(errorBody.payloadTooLarge);
  });

  it('should still serve a body within the limit on a fresh connection afterwards', async () => {
    await trickleRequest(sut.url, { body: oversized });

    const answer = await trickleRequest(sut.url, { body: Buffer.from('{"content": 42, "unknown": true}') });

    expect(answer.error).toBeUndefined();
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'invalid_request' });
  });
});
