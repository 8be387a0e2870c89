import type { AnswerDetails } from '../../dispatch/dispatch.types';
import type { CallerStreamFormat } from '../../dispatch/sse/caller-stream.service';
import { toOpenAiError } from '../openai-error.mapper';
import type { CompletionDialect } from './completion-dialect.types';
import { finishReasonOf } from './openai-usage.util';
import type { ResponseHead } from './response-head';

/**
 * One OpenAI stream's events: the dialect's chunks, a last chunk with the finish reason, the usage
 * chunk when asked for and reported, then `[DONE]`. A failure after the start is OpenAI's
 * `data: {"error": {...}}`, which the SDKs raise.
 */
export function openAiStreamFormat(dialect: CompletionDialect, head: ResponseHead): CallerStreamFormat {
  const reported: AnswerDetails = {};
  return {
    opening: () => dialect.openingChunk(head),
    delta: (text) => dialect.deltaChunk(head, text),
    details: (details) => Object.assign(reported, details),
    closing() {
      const events = [JSON.stringify(dialect.finishChunk(head, finishReasonOf(reported)))];
      if (head.includeUsage && reported.usage) events.push(JSON.stringify(dialect.usageChunk(head, reported.usage)));
      events.push('[DONE]');
      return events;
    },
    failure(error, requestId) {
      const { body, source } = toOpenAiError(error, requestId);
      return { payload: body, code: source.body.error, message: source.body.message, unexpected: source.unexpected };
    },
  };
}
