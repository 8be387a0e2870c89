import type { UpstreamEndpoint } from './endpoints/upstream-endpoint.types';
import { readLimited } from './read-limited.util';
import { relayStream } from './stream-relay';
import type { ReadAnswer } from './upstream-attempt.runner';
import { UpstreamFailure } from './upstream-failure';

/** Receives a streamed completion; `open` is called once, before the first delta. */
export interface StreamSink {
  open(): void;
  delta(text: string): Promise<void>;
}

/** Reads a JSON answer into its completion text. */
export const readCompletion: ReadAnswer<string> = async (endpoint, response) => {
  if (response.isEventStream) {
    throw new UpstreamFailure('format', 'The upstream answered with a stream where JSON was expected.', { endpoint: endpoint.name });
  }
  return completionFrom(endpoint, await readLimited(response.body, endpoint.name));
};

/** Relays a streamed answer to `sink`; `opened()` tells whether anything has reached it (then nothing can be retried). */
export function streamInto(sink: StreamSink): { read: ReadAnswer<void>; opened: () => boolean } {
  let opened = false;
  const open = () => {
    opened = true;
    sink.open();
  };
  const read: ReadAnswer<void> = async (endpoint, response, scope) => {
    // From here on only the idle timeout between chunks applies: a long generation is not a slow one.
    scope.clearDeadline();
    if (!response.isEventStream) {
      // Some servers ignore `stream: true`; relay their whole answer as a single delta.
      const completion = completionFrom(endpoint, await readLimited(response.body, endpoint.name));
      open();
      return sink.delta(completion);
    }
    open();
    return relayStream(response.body, endpoint, (text) => sink.delta(text));
  };
  return { read, opened: () => opened };
}

function completionFrom(endpoint: UpstreamEndpoint, text: string): string {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new UpstreamFailure('format', 'The upstream answer is not valid JSON.', { endpoint: endpoint.name });
  }
  const completion = endpoint.completionOf(answer);
  if (completion === undefined) {
    throw new UpstreamFailure('structure', 'The upstream answer does not have the expected shape.', { endpoint: endpoint.name });
  }
  return completion;
}
