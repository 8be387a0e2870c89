import type { GenerationRequest } from '../../dispatch.types';

/** What one SSE `data:` payload of an upstream stream means. */
export type StreamEventMeaning = { kind: 'delta'; text: string } | { kind: 'done' } | { kind: 'ignore' };

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
  streamEventOf(data: string): StreamEventMeaning | undefined;
}
