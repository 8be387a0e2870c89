import { chatMessagesOf } from './chat-messages.parser';
import { chatPromptOf } from './chat-prompt.util';
import { bodyObject, commonFields, modelOf } from './common-fields.parser';
import type { OpenAiCall } from './openai-call.types';

/** `POST /v1/chat/completions`: validates the body as OpenAI does (see commonFields for what is ignored). */
export function parseChatRequest(raw: unknown): OpenAiCall {
  const body = bodyObject(raw);
  const model = modelOf(body);
  const messages = chatMessagesOf(body.messages);
  const { sampling, stream, includeUsage } = commonFields(body, ['max_completion_tokens', 'max_tokens']);
  return { generation: { prompt: chatPromptOf(messages), messages, ...sampling }, model, stream, includeUsage };
}
