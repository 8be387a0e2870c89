import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeOtlpJson } from './otlp-json.decoder';
import type { ReceivedExport, ReceivedSpan } from './otlp-receiver.types';

/**
 * A minimal OTLP/HTTP collector on loopback for tests: answers every export with 200, keeps the raw
 * requests (any encoding) and decodes OTLP/JSON ones into `spans`.
 */
export class OtlpReceiver {
  readonly exports: ReceivedExport[] = [];
  readonly spans: ReceivedSpan[] = [];

  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.receive(request.url ?? '', String(request.headers['content-type'] ?? ''), Buffer.concat(chunks));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  /** Base URL, as `OTEL_EXPORTER_OTLP_ENDPOINT` takes it (the service adds `/v1/traces`). */
  url = '';

  private constructor() {}

  static async start(): Promise<OtlpReceiver> {
    const receiver = new OtlpReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}`;
    return receiver;
  }

  /** Spans of one trace. */
  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  reset(): void {
    this.exports.length = 0;
    this.spans.length = 0;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private receive(path: string, contentType: string, body: Buffer): void {
    this.exports.push({ path, contentType, body });
    if (contentType.startsWith('application/json')) this.spans.push(...decodeOtlpJson(body.toString('utf8')));
  }
}
