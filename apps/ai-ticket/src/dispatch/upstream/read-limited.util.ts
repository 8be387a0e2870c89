import type { Readable } from 'node:stream';
import { UpstreamFailure } from './upstream-failure';

/** A completion is text; anything near this size is a misbehaving upstream, not an answer. */
export const MAX_UPSTREAM_ANSWER_BYTES = 16 * 1024 * 1024;

/** Reads a whole upstream answer as UTF-8, refusing to buffer more than `maxBytes`. */
export async function readLimited(body: Readable, endpoint: string, maxBytes = MAX_UPSTREAM_ANSWER_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) {
      body.destroy();
      throw new UpstreamFailure('format', `The upstream answer exceeds ${maxBytes} bytes.`, { endpoint });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
