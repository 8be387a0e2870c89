import { request, type ClientRequest, type IncomingHttpHeaders } from 'node:http';

export interface SseMessage {
  event?: string;
  data?: string;
  retry?: number;
  comment?: string;
}

/** A raw SSE subscription that records every message and can wait for the next matching one. */
export class SseReader {
  readonly messages: SseMessage[] = [];
  headers: IncomingHttpHeaders = {};
  status = 0;
  private waiters: Array<{ match: (m: SseMessage) => boolean; resolve: (m: SseMessage) => void }> = [];
  private req: ClientRequest | undefined;

  static open(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
    const reader = new SseReader();
    return new Promise((resolve, reject) => {
      reader.req = request(url, { headers }, (res) => {
        reader.status = res.statusCode ?? 0;
        reader.headers = res.headers;
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            reader.push(parseBlock(buffer.slice(0, end)));
            buffer = buffer.slice(end + 2);
          }
        });
        resolve(reader);
      });
      reader.req.on('error', reject);
      reader.req.end();
    });
  }

  /** Resolves with the first matching message from index `from` on, already received or still to come. */
  next(match: (m: SseMessage) => boolean, from = 0, timeoutMs = 3000): Promise<SseMessage> {
    const found = this.messages.slice(from).find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching SSE message in time')), timeoutMs);
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  close(): void {
    this.req?.destroy();
  }

  private push(message: SseMessage): void {
    this.messages.push(message);
    this.waiters = this.waiters.filter((waiter) => (waiter.match(message) ? (waiter.resolve(message), false) : true));
  }
}

function parseBlock(block: string): SseMessage {
  const message: SseMessage = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) message.comment = line.slice(1).trim();
    else if (line.startsWith('event: ')) message.event = line.slice(7);
    else if (line.startsWith('data: ')) message.data = line.slice(6);
    else if (line.startsWith('retry: ')) message.retry = Number(line.slice(7));
  }
  return message;
}
