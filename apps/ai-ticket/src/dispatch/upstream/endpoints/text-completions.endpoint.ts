import type { GenerationRequest } from '../../dispatch.types';
import { openAiDetailsOf } from './answer-details.util';
import { firstChoice, isRecord, openAiExtras, parseJson, samplingFields } from './json-shape.util';
import type { StreamEventMeaning, UpstreamEndpoint } from './upstream-endpoint.types';

/** OpenAI text completions (`/v1/completions`): the first fallback. */
export const textCompletionsEndpoint: UpstreamEndpoint = {
  name: 'completions',
  path: () => '/v1/completions',
  body(request: GenerationRequest, { stream, model }) {
    return { ...(model ? { model } : {}), prompt: request.prompt, ...samplingFields(request, 'max_tokens'), ...openAiExtras(request, stream), stream };
  },
  completionOf(answer) {
    const text = firstChoice(answer)?.text;
    return typeof text === 'string' ? text : undefined;
  },
  detailsOf(answer) {
    return isRecord(answer) ? openAiDetailsOf(answer, firstChoice(answer)) : undefined;
  },
  streamEventOf(data): StreamEventMeaning | undefined {
    if (data.trim() === '[DONE]') return { kind: 'done' };
    const chunk = parseJson(data);
    if (!isRecord(chunk) || !Array.isArray(chunk.choices)) return undefined;
    const choice = firstChoice(chunk);
    const text = choice?.text;
    const details = openAiDetailsOf(chunk, choice);
    return typeof text === 'string' ? { kind: 'delta', text, details } : { kind: 'ignore', details };
  },
};
