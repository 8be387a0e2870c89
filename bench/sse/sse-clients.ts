import { Agent, request, type ClientRequest } from 'node:http';

/** One idle dashboard: an open feed, and the arrival time of every snapshot it receives. */
export interface FeedClient {
  readonly snapshots: Array<{ requests: number; at: number }>;
  /** Set if the feed ended or failed while the bench still held it: the bench must then fail. */
  readonly failure: () => string | undefined;
  close(): void;
}

// Each dashboard holds its own connection, as browsers do; the default agent would pool them.
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

export function openFeed(url: string): Promise<FeedClient> {
  const snapshots: FeedClient['snapshots'] = [];
  let req: ClientRequest;
  let closing = false;
  let failure: string | undefined;
  return new Promise((resolve, reject) => {
    req = request(`${url}/api/metrics/stream`, { agent }, (res) => {
      const contentType = String(res.headers['content-type'] ?? '');
      if (res.statusCode !== 200 || !contentType.startsWith('text/event-stream')) {
        res.resume();
        reject(new Error(`feed answered HTTP ${res.statusCode} ${contentType}`));
        return;
      }
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        // Stamped on arrival, before any parsing, so the bench's own work on earlier clients' chunks
        // adds as little as possible to later clients' times.
        const at = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (data) snapshots.push({ requests: (JSON.parse(data.slice(6)) as { totals: { requests: number } }).totals.requests, at });
        }
      });
      res.on('error', (error) => {
        if (!closing) failure ??= `feed failed: ${error.message}`;
      });
      res.on('end', () => {
        if (!closing) failure ??= 'the service ended the feed';
      });
      resolve({
        snapshots,
        failure: () => failure,
        close: () => {
          closing = true;
          req.destroy();
        },
      });
    });
    req.on('error', (error) => {
      if (!closing) failure ??= error.message;
      reject(error);
    });
    req.end();
  });
}
