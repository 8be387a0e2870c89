import { countWordTokens } from './completion-text.util';
import type { ServerStats } from './wire-format.types';

export const FAKE_MODEL = 'koboldcpp/fake';

// A counter, not random bytes: ids only need to differ, and this keeps the hot path cheap.
let sequence = 0;

export function nextId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

export function usageOf(prompt: string, text: string): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  const promptTokens = countWordTokens(prompt);
  const completionTokens = countWordTokens(text);
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

/** OpenAI's `stream` flag; like KoboldCPP, any truthy value asks for a stream. */
export function asksForStream(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Boolean((body as { stream?: unknown }).stream);
}

/** `usage` for an answer, unless the server is set to omit it (like some KoboldCPP builds). */
export function usageFieldFor(stats: ServerStats, prompt: string, text: string): { usage?: ReturnType<typeof usageOf> } {
  return stats.reportsUsage ? { usage: usageOf(prompt, text) } : {};
}

/** With `stream_options.include_usage`, OpenAI ends a stream with a chunk that has no choices and the usage. */
export function usageChunkFor(body: unknown, base: Record<string, unknown>, prompt: string, tokenCount: number, stats: ServerStats | undefined): string {
  const options = typeof body === 'object' && body !== null ? (body as { stream_options?: { include_usage?: unknown } }).stream_options : undefined;
  if (options?.include_usage !== true || stats?.reportsUsage === false) return '';
  const promptTokens = countWordTokens(prompt);
  const usage = { prompt_tokens: promptTokens, completion_tokens: tokenCount, total_tokens: promptTokens + tokenCount };
  return `data: ${JSON.stringify({ ...base, choices: [], usage })}\n\n`;
}
