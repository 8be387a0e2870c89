import type { ServerResponse } from 'node:http';

/** Headers that keep proxies (nginx, ingress) from buffering or transforming the stream. */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

/** Writes Server-Sent Events to a raw response, honouring back-pressure. */
export class SseWriter {
  constructor(private readonly response: ServerResponse) {}

  open(extraHeaders: Record<string, string>): void {
    this.response.writeHead(200, { ...SSE_HEADERS, ...extraHeaders });
    this.response.flushHeaders();
  }

  /** Resolves once the event is handed to the socket (or the client is gone). */
  send(payload: unknown): Promise<void> {
    return this.sendData(JSON.stringify(payload));
  }

  /** Sends one `data:` line as it is (OpenAI's `[DONE]` sentinel is not JSON). */
  async sendData(data: string): Promise<void> {
    if (this.closed) return;
    if (!this.response.write(`data: ${data}\n\n`)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.response.off('drain', done);
          this.response.off('close', done);
          resolve();
        };
        this.response.on('drain', done);
        this.response.on('close', done);
      });
    }
  }

  end(): void {
    if (!this.response.writableEnded) this.response.end();
  }

  get closed(): boolean {
    return this.response.destroyed || this.response.writableEnded;
  }
}
