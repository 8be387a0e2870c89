import type { Readable } from 'node:stream';
import { SseParser } from '../sse/sse-parser.util';
import type { StreamSink } from './answer-readers';
import type { UpstreamEndpoint } from './endpoints/upstream-endpoint.types';
import { UpstreamFailure } from './upstream-failure';

/**
 * Reads an upstream event stream and hands each text delta on as soon as it arrives. Ends at the
 * endpoint's end marker or at the end of the body (KoboldCPP's native stream has no marker).
 */
export async function relayStream(body: Readable, endpoint: UpstreamEndpoint, sink: Pick<StreamSink, 'delta' | 'details'>): Promise<void> {
  const parser = new SseParser();
  let finished = false;
  const handle = async (events: string[]) => {
    for (const data of events) {
      if (finished) return;
      const meaning = endpoint.streamEventOf(data);
      if (meaning === undefined) {
        throw new UpstreamFailure('structure', 'The upstream stream sent an event of an unexpected shape.', { endpoint: endpoint.name });
      }
      if (meaning.kind === 'done') {
        finished = true;
        continue;
      }
      if (meaning.details && sink.details) sink.details(meaning.details);
      if (meaning.kind === 'delta' && meaning.text !== '') await sink.delta(meaning.text);
    }
  };
  body.setEncoding('utf8');
  for await (const chunk of body) {
    // Keep reading after the end marker so the connection can be reused.
    if (!finished) await handle(parser.push(chunk as string));
  }
  await handle(parser.end());
}
