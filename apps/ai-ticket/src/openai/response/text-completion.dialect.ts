import { finishReasonOf, openAiUsage } from './openai-usage.util';
import type { CompletionDialect } from './completion-dialect.types';
import type { ResponseHead } from './response-head';

const OBJECT = 'text_completion';

/** Text completions in OpenAI's shape: answer and chunks are both `text_completion` objects. */
export const textCompletionDialect: CompletionDialect = {
  idPrefix: 'cmpl',
  answer(head, generation) {
    return {
      ...completion(head, generation.text, finishReasonOf(generation)),
      ...(generation.usage ? { usage: openAiUsage(generation.usage) } : {}),
    };
  },
  openingChunk: () => undefined,
  deltaChunk: (head, text) => withStreamUsage(head, completion(head, text, null)),
  finishChunk: (head, finishReason) => withStreamUsage(head, completion(head, '', finishReason)),
  usageChunk: (head, usage) => ({ id: head.id, object: OBJECT, created: head.created, model: head.model, choices: [], usage: openAiUsage(usage) }),
};

function completion(head: ResponseHead, text: string, finishReason: string | null) {
  return { id: head.id, object: OBJECT, created: head.created, model: head.model, choices: [{ text, index: 0, logprobs: null, finish_reason: finishReason }] };
}

function withStreamUsage(head: ResponseHead, chunk: object): object {
  return head.includeUsage ? { ...chunk, usage: null } : chunk;
}
