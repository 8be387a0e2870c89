import { FAKE_MODEL, asksForStream, nextId, unixNow, usageChunkFor, usageFieldFor } from './openai-common.util';
import { isRecord, sseData, type SseFormat, type WireFormat } from './wire-format.types';

/** Text of one message; multimodal content arrays contribute their text parts. */
function contentText(message: unknown): string {
  if (!isRecord(message)) return '';
  const { content } = message;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: unknown) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
}

/** The chat prompt the default completion echoes: the message contents joined by newlines. */
function chatPromptOf(body: unknown): string {
  const messages = isRecord(body) ? body.messages : undefined;
  return Array.isArray(messages) ? messages.map(contentText).join('\n') : '';
}

/** OpenAI chat: POST /v1/chat/completions. */
export const openAiChatFormat: WireFormat = {
  generates: true,
  promptOf: chatPromptOf,
  streams: asksForStream,
  answer(text, prompt, stats) {
    return {
      id: nextId('chatcmpl'),
      object: 'chat.completion',
      created: unixNow(),
      model: FAKE_MODEL,
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      ...usageFieldFor(stats, prompt, text),
    };
  },
  openStream(body, stats): SseFormat {
    const id = nextId('chatcmpl');
    const created = unixNow();
    const chunk = (delta: Record<string, string>, finishReason: string | null): string =>
      sseData({ id, object: 'chat.completion.chunk', created, model: FAKE_MODEL, choices: [{ index: 0, delta, finish_reason: finishReason }] });
    return {
      token: (token) => chunk({ content: token }, null),
      finish: (tokenCount) => `${chunk({}, 'stop')}${usageChunkFor(body, { id, object: 'chat.completion.chunk', created, model: FAKE_MODEL }, chatPromptOf(body), tokenCount, stats)}data: [DONE]\n\n`,
    };
  },
};
