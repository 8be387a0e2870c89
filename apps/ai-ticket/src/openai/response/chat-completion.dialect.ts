import { finishReasonOf, openAiUsage } from './openai-usage.util';
import type { CompletionDialect } from './completion-dialect.types';
import type { ResponseHead } from './response-head';

const CHUNK = 'chat.completion.chunk';

/** Chat completions in OpenAI's shapes (`chat.completion`, `chat.completion.chunk`). */
export const chatCompletionDialect: CompletionDialect = {
  idPrefix: 'chatcmpl',
  answer(head, generation) {
    return {
      id: head.id,
      object: 'chat.completion',
      created: head.created,
      model: head.model,
      choices: [{ index: 0, message: { role: 'assistant', content: generation.text, refusal: null }, logprobs: null, finish_reason: finishReasonOf(generation) }],
      ...(generation.usage ? { usage: openAiUsage(generation.usage) } : {}),
    };
  },
  openingChunk: (head) => chunk(head, { role: 'assistant', content: '' }, null),
  deltaChunk: (head, text) => chunk(head, { content: text }, null),
  finishChunk: (head, finishReason) => chunk(head, {}, finishReason),
  usageChunk: (head, usage) => ({ id: head.id, object: CHUNK, created: head.created, model: head.model, choices: [], usage: openAiUsage(usage) }),
};

function chunk(head: ResponseHead, delta: object, finishReason: string | null): object {
  return {
    id: head.id,
    object: CHUNK,
    created: head.created,
    model: head.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(head.includeUsage ? { usage: null } : {}),
  };
}
