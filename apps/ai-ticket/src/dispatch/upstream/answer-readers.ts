import type { AnswerDetails, Generation } from '../dispatch.types';
import type { AttemptScope } from './attempt-scope';
import type { UpstreamEndpoint } from './endpoints/upstream-endpoint.types';
import { readLimited } from './read-limited.util';
import { relayStream } from './stream-relay';
import type { AnswerReader } from './upstream-attempt.runner';
import type { UpstreamResponse } from './upstream-http.client';
import { UpstreamFailure } from './upstream-failure';

/** Receives a streamed completion; `open` is called once, before the first delta. */
export interface StreamSink {
  open(): void;
  delta(text: string): Promise<void>;
  /** A finish reason or usage the upstream reported (possibly several times; later values win). */
  details?(details: AnswerDetails): void;
}

/** Reads a JSON answer into its text with the finish reason and usage the upstream reported. */
export const readGeneration: AnswerReader<Generation> = {
  stream: false,
  fromJson(endpoint, text) {
    const answer = parseAnswer(endpoint, text);
    return { ...endpoint.detailsOf(answer), text: completionOf(endpoint, answer) };
  },
};

/** Relays a streamed answer to `sink`; `opened()` tells whether anything has reached it (then nothing can be retried). */
export function streamInto(sink: StreamSink): { read: AnswerReader<void>; opened: () => boolean } {
  let opened = false;
  const open = () => {
    opened = true;
    sink.open();
  };
  const fromResponse = async (endpoint: UpstreamEndpoint, response: UpstreamResponse, scope: AttemptScope): Promise<void> => {
    // From here on only the idle timeout between chunks applies: a long generation is not a slow one.
    scope.clearDeadline();
    if (!response.isEventStream) {
      // Some servers ignore `stream: true`; relay their whole answer as a single delta.
      const answer = parseAnswer(endpoint, await readLimited(response.body, endpoint.name));
      const completion = completionOf(endpoint, answer);
      open();
      const details = sink.details && endpoint.detailsOf(answer);
      if (details) sink.details?.(details);
      return sink.delta(completion);
    }
    open();
    return relayStream(response.body, endpoint, sink);
  };
  return { read: { stream: true, fromResponse }, opened: () => opened };
}

function parseAnswer(endpoint: UpstreamEndpoint, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UpstreamFailure('format', 'The upstream answer is not valid JSON.', { endpoint: endpoint.name });
  }
}

function completionOf(endpoint: UpstreamEndpoint, answer: unknown): string {
  const completion = endpoint.completionOf(answer);
  if (completion === undefined) {
    throw new UpstreamFailure('structure', 'The upstream answer does not have the expected shape.', { endpoint: endpoint.name });
  }
  return completion;
}
