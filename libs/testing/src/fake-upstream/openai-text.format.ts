import { FAKE_MODEL, asksForStream, nextId, unixNow, usageChunkFor, usageFieldFor } from './openai-common.util';
import { isRecord, sseData, type SseFormat, type WireFormat } from './wire-format.types';

/** The prompt of a text or native request; OpenAI also allows an array of prompts. */
export function promptField(body: unknown): string {
  const prompt = isRecord(body) ? body.prompt : undefined;
  if (typeof prompt === 'string') return prompt;
  return Array.isArray(prompt) ? prompt.filter((p): p is string => typeof p === 'string').join('\n') : '';
}

/** OpenAI text completions: POST /v1/completions. */
export const openAiTextFormat: WireFormat = {
  generates: true,
  promptOf: promptField,
  streams: asksForStream,
  answer(text, prompt, stats) {
    return {
      id: nextId('cmpl'),
      object: 'text_completion',
      created: unixNow(),
      model: FAKE_MODEL,
      choices: [{ index: 0, text, finish_reason: 'stop' }],
      ...usageFieldFor(stats, prompt, text),
    };
  },
  openStream(body, stats): SseFormat {
    const id = nextId('cmpl');
    const created = unixNow();
    const chunk = (text: string, finishReason: string | null): string =>
      sseData({ id, object: 'text_completion', created, model: FAKE_MODEL, choices: [{ index: 0, text, finish_reason: finishReason }] });
    return {
      token: (token) => chunk(token, null),
      // Like OpenAI: an empty closing chunk carries the finish reason, then the [DONE] sentinel.
      finish: (tokenCount) => `${chunk('', 'stop')}${usageChunkFor(body, { id, object: 'text_completion', created, model: FAKE_MODEL }, promptField(body), tokenCount, stats)}data: [DONE]\n\n`,
    };
  },
};
