import type { AnswerDetails, TokenUsage } from '../../dispatch/dispatch.types';

/** OpenAI's `usage` object. */
export function openAiUsage(usage: TokenUsage) {
  return { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.totalTokens };
}

const FINISH_REASONS: ReadonlySet<string> = new Set(['stop', 'length', 'content_filter']);

/** OpenAI's finish reasons; an upstream that says nothing (KoboldAI's native API) or something else ended normally. */
export function finishReasonOf(details: AnswerDetails): 'stop' | 'length' | 'content_filter' {
  const reason = details.finishReason;
  return reason !== undefined && FINISH_REASONS.has(reason) ? (reason as 'stop' | 'length' | 'content_filter') : 'stop';
}
