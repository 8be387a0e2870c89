import { connect } from 'node:net';

export interface TrickleOptions {
  body: Buffer;
  path?: string;
  /** Extra request headers (`Connection: close`, ...). */
  headers?: Record<string, string>;
  /** The body goes out `chunkBytes` at a time, `pauseMs` apart, as a proxy or a slow client sends it. */
  chunkBytes?: number;
  pauseMs?: number;
  /** Stop sending after this many body bytes (a client that stalls), then only read. */
  stopAfterBytes?: number;
}

export interface TrickleAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Body bytes the server's socket took before the exchange ended. */
  bytesWritten: number;
  /** Any socket error (EPIPE, ECONNRESET: the server reset the connection); undefined for a clean exchange. */
  error?: NodeJS.ErrnoException;
  elapsedMs: number;
}

/**
 * A POST over a raw socket that shows what HTTP clients hide: whether the server took the whole body and
 * ended the connection cleanly, or reset it while the body was still on its way.
 */
export async function trickleRequest(url: string, options: TrickleOptions): Promise<TrickleAnswer> {
  const { hostname, port, host } = new URL(url);
  const { body, chunkBytes = 64 * 1024, pauseMs = 5 } = options;
  // Half-open, as nginx is: the server's FIN does not stop us sending; only its reset does (EPIPE, ECONNRESET).
  const socket = connect({ port: Number(port), host: hostname, allowHalfOpen: true });
  const started = performance.now();
  let received = '';
  let error: NodeJS.ErrnoException | undefined;
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', (failure: NodeJS.ErrnoException) => (error ??= failure));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const write = (data: string | Buffer) =>
    new Promise<boolean>((resolve) =>
      socket.write(data, (failure) => {
        if (failure) error ??= failure;
        resolve(!failure);
      }),
    );

  const head = { host, 'content-type': 'application/json', 'content-length': String(body.length), ...options.headers };
  const lines = [`POST ${options.path ?? '/event'} HTTP/1.1`, ...Object.entries(head).map(([name, value]) => `${name}: ${value}`)];
  let bytesWritten = 0;
  if (await write(`${lines.join('\r\n')}\r\n\r\n`)) {
    const end = Math.min(options.stopAfterBytes ?? body.length, body.length);
    while (bytesWritten < end && error === undefined) {
      const chunk = body.subarray(bytesWritten, Math.min(bytesWritten + chunkBytes, end));
      if (!(await write(chunk))) break;
      bytesWritten += chunk.length;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
  // The server closes after its answer (Connection: close) or keeps the connection: then we leave once it is whole.
  while (!socket.destroyed && !isComplete(received)) await Promise.race([closed, new Promise((resolve) => socket.once('data', resolve))]);
  socket.end();
  await closed;

  const [headText = '', text = ''] = splitOnce(received, '\r\n\r\n');
  const [statusLine = '', ...headerLines] = headText.split('\r\n');
  const headers = Object.fromEntries(headerLines.map((line) => splitOnce(line, ': ')).map(([name, value = '']) => [name.toLowerCase(), value]));
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body: Buffer.from(text, 'latin1').toString('utf8'), bytesWritten, error, elapsedMs: performance.now() - started };
}

function isComplete(received: string): boolean {
  const [head, body] = splitOnce(received, '\r\n\r\n');
  if (body === undefined) return false;
  const length = /^content-length: *(\d+)$/im.exec(head)?.[1];
  return length !== undefined && Buffer.byteLength(body, 'latin1') >= Number(length);
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}
