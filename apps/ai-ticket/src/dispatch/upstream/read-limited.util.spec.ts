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
});
