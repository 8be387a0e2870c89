import { request } from 'node:http';

export interface SseEvent {
  data: unknown;
  /** ms since the request was sent. */
  at: number;
}

export interface StreamedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  events: SseEvent[];
  /** The raw body when the answer was not an event stream. */
  body: string;
}

/**
 * Sends a streaming event over a real socket and records each SSE event with its arrival time.
 * `onEvent` may return 'abort' to disconnect at that point, as a departing client would.
 */
export function streamEvent(
  url: string,
  payload: unknown,
  onEvent?: (event: SseEvent) => 'abort' | void,
  headers: Record<string, string> = {},
): Promise<StreamedResponse> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(`${url}/event`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const result: StreamedResponse = { status: res.statusCode ?? 0, headers: res.headers, events: [], body: '' };
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        result.body += chunk;
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (!data) continue;
          const event = { data: JSON.parse(data) as unknown, at: Date.now() - started };
          result.events.push(event);
          if (onEvent?.(event) === 'abort') {
            req.destroy();
            resolve(result);
            return;
          }
        }
      });
      res.on('end', () => resolve(result));
      res.on('error', () => resolve(result));
    });
    req.on('error', reject);
    req.end(JSON.stringify(payload));
  });
}
