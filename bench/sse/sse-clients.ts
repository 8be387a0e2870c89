import { Agent, request, type ClientRequest } from 'node:http';

/** One idle dashboard: an open feed, and the arrival time of every snapshot it receives. */
export interface FeedClient {
  readonly snapshots: Array<{ requests: number; at: number }>;
  close(): void;
}

// Each dashboard holds its own connection, as browsers do; the default agent would pool them.
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

export function openFeed(url: string): Promise<FeedClient> {
  const snapshots: FeedClient['snapshots'] = [];
  let req: ClientRequest;
  return new Promise((resolve, reject) => {
    req = request(`${url}/api/metrics/stream`, { agent }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (data) snapshots.push({ requests: (JSON.parse(data.slice(6)) as { totals: { requests: number } }).totals.requests, at: performance.now() });
        }
      });
      resolve({ snapshots, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}
