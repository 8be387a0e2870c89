import { request } from 'node:https';

export interface HttpsFeed {
  /** Resolves with the arrival time (performance.now) of the first snapshot whose totals reach `requests`. */
  snapshotWith(requests: number, timeoutMs: number): Promise<number>;
  close(): void;
}

/** The dashboard feed through the TLS front, recording when each snapshot arrives. */
export function openFeedOverHttps(url: string, ca: string, cookie: string): Promise<HttpsFeed> {
  const arrivals: Array<{ requests: number; at: number }> = [];
  const waiters: Array<{ requests: number; resolve: (at: number) => void }> = [];
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, agent: false, headers: { cookie } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`feed answered ${res.statusCode}`));
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .find((line) => line.startsWith('data: '));
          buffer = buffer.slice(end + 2);
          if (!data) continue;
          const arrival = { requests: (JSON.parse(data.slice(6)) as { totals: { requests: number } }).totals.requests, at: performance.now() };
          arrivals.push(arrival);
          for (const waiter of waiters.filter((w) => arrival.requests >= w.requests)) waiter.resolve(arrival.at);
        }
      });
      resolve({
        snapshotWith: (requests, timeoutMs) =>
          new Promise((done, fail) => {
            const seen = arrivals.find((a) => a.requests >= requests);
            if (seen) return done(seen.at);
            const timer = setTimeout(() => fail(new Error(`no snapshot with ${requests} requests within ${timeoutMs} ms`)), timeoutMs);
            waiters.push({ requests, resolve: (at) => (clearTimeout(timer), done(at)) });
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}
