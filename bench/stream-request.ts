import { request, type Agent } from 'node:http';
import { SseSplitter } from './sse-splitter';
import type { Target } from './targets';

/** One streamed answer: when its first event came, and the text deltas it carried. */
export interface StreamResult {
  readonly firstEventMs: number;
  readonly deltas: readonly string[];
}

/**
 * POSTs a streaming request with node:http (autocannon cannot time events inside a body) and
 * times from sending it to the first SSE `data:` event. Reads the stream to its end marker.
 */
export function streamOnce(target: Target, agent: Agent, body: string): Promise<StreamResult> {
  return new Promise((resolve, reject) => {
    let sentAt = 0;
    const url = new URL(target.url);
    const req = request({
      agent,
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { ...target.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), accept: 'text/event-stream' },
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`${target.name}: stream timed out`)));
    req.once('error', reject);
    req.once('response', (res) => {
      const contentType = String(res.headers['content-type'] ?? '');
      if (res.statusCode !== 200 || !contentType.startsWith('text/event-stream')) {
        res.resume();
        return reject(new Error(`${target.name}: stream answered HTTP ${res.statusCode} ${contentType}`));
      }
      const splitter = new SseSplitter();
      const deltas: string[] = [];
      let firstEventMs: number | undefined;
      let ended = false;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        try {
          for (const data of splitter.push(chunk)) {
            firstEventMs ??= performance.now() - sentAt;
            const event = target.streamEventOf(data);
            if (event.kind === 'delta') deltas.push(event.text);
            else if (event.kind === 'end') ended = true;
          }
        } catch (error) {
          res.destroy();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      res.once('error', reject);
      res.once('end', () => {
        if (firstEventMs === undefined || !ended) reject(new Error(`${target.name}: stream ended without ${firstEventMs === undefined ? 'any event' : 'its end marker'}`));
        else resolve({ firstEventMs, deltas });
      });
    });
    sentAt = performance.now();
    req.end(body);
  });
}
