import type { GenerationRequest } from '../../dispatch.types';
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
    return { prompt: request.prompt, ...samplingFields(request, 'max_length') };
  },
  completionOf(answer) {
    if (!isRecord(answer) || !Array.isArray(answer.results)) return undefined;
    const result: unknown = answer.results[0];
    return isRecord(result) && typeof result.text === 'string' ? result.text : undefined;
  },
  streamEventOf(data): StreamEventMeaning | undefined {
    if (data.trim() === '[DONE]') return { kind: 'done' };
    const event = parseJson(data);
    if (!isRecord(event) || typeof event.token !== 'string') return undefined;
    return { kind: 'delta', text: event.token };
  },
};
