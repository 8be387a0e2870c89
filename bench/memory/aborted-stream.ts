import { request } from 'node:http';
import { SseSplitter } from '../sse-splitter';
import type { Target } from '../targets';

/** How one aborted-stream request ended: cut off after its first token, or (too fast) complete before that. */
export type AbortOutcome = 'aborted' | 'completed';

const TIMEOUT_MS = 10_000;

/**
 * A client that asks for a stream and hangs up mid-answer: a fresh connection (as a separate client
 * would), and `req.destroy()` as soon as the first token arrived. Anything else but a 200 event
 * stream that carries a token is a failure.
 */
export function streamAndAbort(target: Target, body: string): Promise<AbortOutcome> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, outcome?: AbortOutcome): void => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(outcome as AbortOutcome);
    };
    const url = new URL(target.url);
    const req = request({
      agent: false,
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { ...target.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), accept: 'text/event-stream' },
    });
    req.setTimeout(TIMEOUT_MS, () => {
      finish(new Error(`${target.name}: aborted-stream request got no token within ${TIMEOUT_MS} ms`));
      req.destroy();
    });
    // After the intentional destroy, the socket's errors are expected and ignored.
    req.on('error', (error) => finish(new Error(`${target.name}: aborted-stream request failed before its first token: ${error.message}`)));
    req.once('response', (res) => {
      const contentType = String(res.headers['content-type'] ?? '');
      if (res.statusCode !== 200 || !contentType.startsWith('text/event-stream')) {
        res.resume();
        finish(new Error(`${target.name}: stream answered HTTP ${res.statusCode} ${contentType}`));
        return;
      }
      const splitter = new SseSplitter();
      res.setEncoding('utf8');
      res.on('error', () => undefined);
      res.on('data', (chunk: string) => {
        if (settled) return;
        try {
          for (const data of splitter.push(chunk)) {
            const event = target.streamEventOf(data);
            if (event.kind === 'delta') {
              req.destroy();
              return finish(undefined, 'aborted');
            }
            if (event.kind === 'end') return finish(undefined, 'completed');
          }
        } catch (error) {
          req.destroy();
          finish(error instanceof Error ? error : new Error(String(error)));
        }
      });
      res.once('end', () => finish(new Error(`${target.name}: stream ended without any token`)));
    });
    req.end(body);
  });
}
