import type { GenerationRequest } from '../../dispatch.types';

/** Reads `choices[0]` of an OpenAI-style answer, if present. */
export function firstChoice(answer: unknown): Record<string, unknown> | undefined {
  if (!isRecord(answer) || !Array.isArray(answer.choices)) return undefined;
  const choice: unknown = answer.choices[0];
  return isRecord(choice) ? choice : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses an SSE data payload as JSON; undefined when it is not JSON. */
export function parseJson(data: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

/** The OpenAI sampling fields, omitted when the event did not set them (the upstream's defaults apply). */
export function samplingFields(request: { maxTokens?: number; temperature?: number; topP?: number }, maxTokensKey: string) {
  return {
    ...(request.maxTokens !== undefined ? { [maxTokensKey]: request.maxTokens } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.topP !== undefined ? { top_p: request.topP } : {}),
  };
}

// Shared, never mutated: the body is only serialised.
const USAGE_CHUNK = { include_usage: true } as const;

/**
 * OpenAI's `stop` when set, and on a stream always the request for a usage chunk: the gateway counts
 * every call's tokens, whether or not its caller asked to see them (only the OpenAI routes forward
 * that chunk, and only to a caller who asked).
 */
export function openAiExtras(request: GenerationRequest, stream: boolean) {
  return {
    ...(request.stop ? { stop: request.stop } : {}),
    ...(stream ? { stream_options: USAGE_CHUNK } : {}),
  };
}
