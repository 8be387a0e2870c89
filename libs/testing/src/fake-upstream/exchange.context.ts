import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

export interface ExchangeHooks {
  /** Called once when the client leaves before the response finished. */
  clientAborted(): void;
  /** True while the server shuts down: sockets it destroys are not client aborts. */
  isClosing(): boolean;
}

/**
 * One request/response pair. Owns its timers so that a client leaving, a drop or
 * the server closing always releases them (no timer outlives its response).
 */
export class Exchange {
  private timers: Set<NodeJS.Timeout> | undefined;
  private releaseListeners: (() => void)[] | undefined;
  private released = false;
  private endedByServer = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    private readonly hooks: ExchangeHooks,
  ) {
    res.once('close', () => this.release());
  }

  /** False once the response is over (finished, aborted by the client, or dropped). */
  get open(): boolean {
    return !this.released;
  }

  /** True once a whole 200 response went out (not cut short, dropped or abandoned). */
  get answeredOk(): boolean {
    return this.res.statusCode === 200 && this.res.writableFinished && !this.endedByServer;
  }

  /** Runs `listener` once the exchange is over, whichever way it ended; at once if it already is. */
  onRelease(listener: () => void): void {
    if (this.released) return listener();
    (this.releaseListeners ??= []).push(listener);
  }

  after(ms: number, callback: () => void): void {
    if (this.released) return;
    const timers = (this.timers ??= new Set());
    const timer = setTimeout(() => {
      timers.delete(timer);
      callback();
    }, ms);
    timers.add(timer);
  }

  json(status: number, body: unknown, headers?: Record<string, string>): void {
    this.send(status, 'application/json', JSON.stringify(body), headers);
  }

  send(status: number, contentType: string, text: string, headers?: Record<string, string>): void {
    const head: OutgoingHttpHeaders = { 'content-type': contentType, 'content-length': Buffer.byteLength(text), ...headers };
    this.res.writeHead(status, head);
    this.res.end(text);
  }

  /** Statuses such as 204 and 304 must not carry a body. */
  sendEmpty(status: number, headers?: Record<string, string>): void {
    this.res.writeHead(status, headers);
    this.res.end();
  }

  /** Sends the SSE headers now, so the client sees the stream start before any token. */
  startStream(): void {
    this.res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    this.res.flushHeaders();
  }

  write(chunk: string): void {
    this.res.write(chunk);
  }

  end(chunk: string): void {
    this.res.end(chunk);
  }

  /** A connection reset with nothing sent: RST rather than FIN. */
  reset(): void {
    this.endedByServer = true;
    this.req.socket.resetAndDestroy();
  }

  /** Cuts a started response short, but only after what was written reached the wire. */
  cutShort(): void {
    this.endedByServer = true;
    const socket = this.req.socket;
    socket.end(() => socket.destroy());
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    if (this.timers) {
      for (const timer of this.timers) clearTimeout(timer);
      this.timers.clear();
    }
    if (!this.res.writableFinished && !this.endedByServer && !this.hooks.isClosing()) this.hooks.clientAborted();
    if (this.releaseListeners) for (const listener of this.releaseListeners) listener();
  }
}
