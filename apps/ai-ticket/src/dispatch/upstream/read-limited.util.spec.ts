import { Readable } from 'node:stream';
import { readLimited } from './read-limited.util';
import { UpstreamFailure } from './upstream-failure';

describe(readLimited.name, () => {
  it('should join the chunks of an answer as UTF-8, also across a split multi-byte character', async () => {
    const euro = Buffer.from('€');
    const body = Readable.from([Buffer.from('price: '), euro.subarray(0, 1), euro.subarray(1)]);

    await expect(readLimited(body, 'chat')).resolves.toBe('price: €');
  });

  it('should refuse an answer larger than the limit with a format failure', async () => {
    const body = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);

    const failure = await readLimited(body, 'chat', 1000).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(UpstreamFailure);
    expect(failure).toMatchObject({ kind: 'format', details: { endpoint: 'chat' } });
    expect(body.destroyed).toBe(true);
  });

  it('should accept an answer of exactly the limit', async () => {
    await expect(readLimited(Readable.from([Buffer.alloc(1000, 'a')]), 'chat', 1000)).resolves.toHaveLength(1000);
  });

  it('should reject with the stream error when the answer breaks off with one', async () => {
    const body = new Readable({ read() {} });
    const reading = readLimited(body, 'chat');
    body.push('{"par');
    body.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));

    await expect(reading).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('should reject as a premature close when the answer stops without an end or an error', async () => {
    const body = new Readable({ read() {} });
    const reading = readLimited(body, 'chat');
    body.push('{"par');
    body.destroy();

    await expect(reading).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
  });

  it('should leave no listener on the body once the answer is read', async () => {
    const body = Readable.from([Buffer.from('{}')]);

    await readLimited(body, 'chat');

    expect(['data', 'end', 'error', 'close'].map((name) => body.listenerCount(name))).toEqual([0, 0, 0, 0]);
  });
});
