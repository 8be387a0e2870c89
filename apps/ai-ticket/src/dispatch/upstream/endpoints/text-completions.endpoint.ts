import type { GenerationRequest } from '../../dispatch.types';
import { firstChoice, isRecord, parseJson, samplingFields } from './json-shape.util';
import type { StreamEventMeaning, UpstreamEndpoint } from './upstream-endpoint.types';

/** OpenAI text completions (`/v1/completions`): the first fallback. */
export const textCompletionsEndpoint: UpstreamEndpoint = {
  name: 'completions',
  path: () => '/v1/completions',
  body(request: GenerationRequest, { stream, model }) {
    return { ...(model ? { model } : {}), prompt: request.prompt, ...samplingFields(request, 'max_tokens'), stream };
  },
  completionOf(answer) {
    const text = firstChoice(answer)?.text;
    return typeof text === 'string' ? text : undefined;
  },
  streamEventOf(data): StreamEventMeaning | undefined {
    if (data.trim() === '[DONE]') return { kind: 'done' };
    const chunk = parseJson(data);
    if (!isRecord(chunk) || !Array.isArray(chunk.choices)) return undefined;
    const text = firstChoice(chunk)?.text;
    return typeof text === 'string' ? { kind: 'delta', text } : { kind: 'ignore' };
  },
};
