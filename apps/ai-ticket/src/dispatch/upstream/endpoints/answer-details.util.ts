import type { AnswerDetails, TokenUsage } from '../../dispatch.types';
import { isRecord } from './json-shape.util';

/** The finish reason and usage of an OpenAI-style answer or chunk; fields it lacks stay unset. */
export function openAiDetailsOf(answer: Record<string, unknown>, choice: Record<string, unknown> | undefined): AnswerDetails | undefined {
  const finishReason = typeof choice?.finish_reason === 'string' ? choice.finish_reason : undefined;
  const usage = usageOf(answer.usage);
  if (finishReason === undefined && usage === undefined) return undefined;
  return { ...(finishReason !== undefined ? { finishReason } : {}), ...(usage ? { usage } : {}) };
}

function usageOf(value: unknown): TokenUsage | undefined {
  if (!isRecord(value)) return undefined;
  const { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total } = value;
  if (!isCount(prompt) || !isCount(completion)) return undefined;
  return { promptTokens: prompt, completionTokens: completion, totalTokens: isCount(total) ? total : prompt + completion };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
