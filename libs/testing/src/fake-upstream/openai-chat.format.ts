import { FAKE_MODEL, asksForStream, nextId, unixNow, usageOf } from './openai-common.util';
import { isRecord, sseData, type SseFormat, type WireFormat } from './wire-format.types';

/** Text of one message; multimodal content arrays contribute their text parts. */
function contentText(message: unknown): string {
  if (!isRecord(message)) return '';
  const { content } = message;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: unknown) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
}

/** OpenAI chat: POST /v1/chat/completions. */
export const openAiChatFormat: WireFormat = {
  generates: true,
  promptOf(body) {
    const messages = isRecord(body) ? body.messages : undefined;
    return Array.isArray(messages) ? messages.map(contentText).join('\n') : '';
  },
  streams: asksForStream,
  answer(text, prompt) {
    return {
      id: nextId('chatcmpl'),
      object: 'chat.completion',
      created: unixNow(),
      model: FAKE_MODEL,
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      usage: usageOf(prompt, text),
    };
  },
  openStream(): SseFormat {
    const id = nextId('chatcmpl');
    const created = unixNow();
    const chunk = (delta: Record<string, string>, finishReason: string | null): string =>
      sseData({ id, object: 'chat.completion.chunk', created, model: FAKE_MODEL, choices: [{ index: 0, delta, finish_reason: finishReason }] });
    return {
      token: (token) => chunk({ content: token }, null),
      finish: () => `${chunk({}, 'stop')}data: [DONE]\n\n`,
    };
  },
};
