import type { Generation, TokenUsage } from '../../dispatch/dispatch.types';
import type { ResponseHead } from './response-head';

/** How one OpenAI API phrases its answers and stream chunks (chat or text completions). */
export interface CompletionDialect {
  /** `chatcmpl` or `cmpl`. */
  readonly idPrefix: string;
  answer(head: ResponseHead, generation: Generation): object;
  /** The chunk that opens a stream (chat announces the assistant role), if any. */
  openingChunk(head: ResponseHead): object | undefined;
  deltaChunk(head: ResponseHead, text: string): object;
  finishChunk(head: ResponseHead, finishReason: string): object;
  /** With `include_usage`: the last chunk, with no choices. */
  usageChunk(head: ResponseHead, usage: TokenUsage): object;
}
