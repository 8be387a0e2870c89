import type { AnswerDetails, GenerationRequest } from '../../dispatch.types';

/**
 * What one SSE `data:` payload of an upstream stream means. `details` carries a finish reason or usage
 * when the payload reports one (usually the last chunks).
 */
export type StreamEventMeaning =
  | { kind: 'delta'; text: string; details?: AnswerDetails }
  | { kind: 'done' }
  | { kind: 'ignore'; details?: AnswerDetails };

/**
 * One of the upstream's generation APIs. Each knows its own wire format; the dispatcher knows none.
 * Parsers return undefined (or throw on a stream) when the answer does not have the expected shape.
 */
export interface UpstreamEndpoint {
  /** Bounded label for logs and metrics. */
  readonly name: 'chat' | 'completions' | 'native';
  path(stream: boolean): string;
  body(request: GenerationRequest, options: { stream: boolean; model?: string }): Record<string, unknown>;
  completionOf(answer: unknown): string | undefined;
  /** Finish reason and usage of a JSON answer whose completion was found. */
  detailsOf(answer: unknown): AnswerDetails | undefined;
  streamEventOf(data: string): StreamEventMeaning | undefined;
}
