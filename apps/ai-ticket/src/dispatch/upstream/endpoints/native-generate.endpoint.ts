import type { AnswerDetails, GenerationRequest } from '../../dispatch.types';
import { isRecord, parseJson, samplingFields } from './json-shape.util';
import type { StreamEventMeaning, UpstreamEndpoint } from './upstream-endpoint.types';

/**
 * KoboldAI's native API, the last fallback: `/api/v1/generate`, streamed by `/api/extra/generate/stream`,
 * whose stream normally has no `[DONE]`: it ends when the server closes the response.
 */
export const nativeGenerateEndpoint: UpstreamEndpoint = {
  name: 'native',
  path: (stream) => (stream ? '/api/extra/generate/stream' : '/api/v1/generate'),
  body(request: GenerationRequest) {
    // KoboldAI names the stop sequences `stop_sequence`.
    return { prompt: request.prompt, ...samplingFields(request, 'max_length'), ...(request.stop ? { stop_sequence: request.stop } : {}) };
  },
  completionOf(answer) {
    const result = firstResult(answer);
    return typeof result?.text === 'string' ? result.text : undefined;
  },
  detailsOf(answer) {
    return finishOf(firstResult(answer));
  },
  streamEventOf(data): StreamEventMeaning | undefined {
    if (data.trim() === '[DONE]') return { kind: 'done' };
    const event = parseJson(data);
    if (!isRecord(event) || typeof event.token !== 'string') return undefined;
    return { kind: 'delta', text: event.token, details: finishOf(event) };
  },
};

function firstResult(answer: unknown): Record<string, unknown> | undefined {
  if (!isRecord(answer) || !Array.isArray(answer.results)) return undefined;
  const result: unknown = answer.results[0];
  return isRecord(result) ? result : undefined;
}

/** Newer KoboldCPP builds report `finish_reason` ("stop", "length"); older ones nothing. */
function finishOf(record: Record<string, unknown> | undefined): AnswerDetails | undefined {
  return typeof record?.finish_reason === 'string' ? { finishReason: record.finish_reason } : undefined;
}
