import { request } from 'node:https';

export interface TlsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface TlsRequestOptions {
  method?: string;
  /** JSON-encoded unless a string. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Source address (127.0.0.x), so nginx sees distinct clients. */
  localAddress?: string;
  /** PEM the server's certificate is verified against (never rejectUnauthorized: false). */
  ca?: string;
  /** Each Server-Sent Event's data, parsed, with ms since the request was sent. */
  onEvent?: (data: unknown, atMs: number) => void;
}

/** One HTTPS request over a fresh connection. */
export function tlsRequest(url: string, options: TlsRequestOptions = {}): Promise<TlsAnswer> {
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        ca: options.ca,
        localAddress: options.localAddress,
        agent: false,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      },
      (res) => {
        let text = '';
        let pending = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          pending += chunk;
          let end: number;
          while ((end = pending.indexOf('\n\n')) >= 0) {
            const data = pending
              .slice(0, end)
              .split('\n')
              .find((line) => line.startsWith('data: '));
            pending = pending.slice(end + 2);
            if (data) options.onEvent?.(JSON.parse(data.slice(6)) as unknown, Date.now() - started);
          }
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
