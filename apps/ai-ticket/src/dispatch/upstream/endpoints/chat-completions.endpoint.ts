import type { GenerationRequest } from '../../dispatch.types';
import { openAiDetailsOf } from './answer-details.util';
import { firstChoice, isRecord, openAiExtras, parseJson, samplingFields } from './json-shape.util';
import type { StreamEventMeaning, UpstreamEndpoint } from './upstream-endpoint.types';

/** OpenAI chat completions (`/v1/chat/completions`): the first choice, tried first. */
export const chatCompletionsEndpoint: UpstreamEndpoint = {
  name: 'chat',
  path: () => '/v1/chat/completions',
  body(request: GenerationRequest, { stream, model }) {
    return {
      ...(model ? { model } : {}),
      messages: request.messages ?? [{ role: 'user', content: request.prompt }],
      ...samplingFields(request, 'max_tokens'),
      ...openAiExtras(request, stream),
      stream,
    };
  },
  completionOf(answer) {
    const message = firstChoice(answer)?.message;
    return isRecord(message) && typeof message.content === 'string' ? message.content : undefined;
  },
  detailsOf(answer) {
    return isRecord(answer) ? openAiDetailsOf(answer, firstChoice(answer)) : undefined;
  },
  streamEventOf(data): StreamEventMeaning | undefined {
    if (data.trim() === '[DONE]') return { kind: 'done' };
    const chunk = parseJson(data);
    if (!isRecord(chunk) || !Array.isArray(chunk.choices)) return undefined;
    const choice = firstChoice(chunk);
    const delta = choice?.delta;
    // Role-only and final chunks carry no text; `finish_reason` may be null or absent; a usage chunk has no choices.
    const details = openAiDetailsOf(chunk, choice);
    if (!isRecord(delta) || typeof delta.content !== 'string') return { kind: 'ignore', details };
    return { kind: 'delta', text: delta.content, details };
  },
};
