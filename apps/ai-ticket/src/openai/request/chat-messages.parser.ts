import type { ChatTurn } from '../../dispatch/dispatch.types';
import { invalidParam } from './invalid-param.exception';

const ROLES: ReadonlySet<string> = new Set(['system', 'developer', 'user', 'assistant']);
/** Roles OpenAI knows that belong to tool calling, which a text-only upstream cannot honour. */
const TOOL_ROLES: ReadonlySet<string> = new Set(['tool', 'function']);

/** Validates `messages` as OpenAI does, keeping text only: content is a string or a list of text parts. */
export function chatMessagesOf(messages: unknown): ChatTurn[] {
  if (!Array.isArray(messages) || messages.length === 0) {
    throw invalidParam('messages', "'messages' must be a non-empty list of messages.");
  }
  return messages.map((message, index) => turnOf(message, `messages[${index}]`));
}

function turnOf(message: unknown, at: string): ChatTurn {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) throw invalidParam(at, 'Each message must be an object.');
  const { role, content, name } = message as Record<string, unknown>;
  if (typeof role !== 'string' || !ROLES.has(role)) {
    const why = typeof role === 'string' && TOOL_ROLES.has(role) ? ' Tool calling is not supported by this server.' : '';
    throw invalidParam(`${at}.role`, `Invalid role ${JSON.stringify(role)}: expected one of system, developer, user, assistant.${why}`);
  }
  if (name != null && typeof name !== 'string') throw invalidParam(`${at}.name`, "'name' must be a string.");
  return { role: role as ChatTurn['role'], content: contentText(content, `${at}.content`) };
}

function contentText(content: unknown, at: string): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) {
    throw invalidParam(at, content == null ? 'Message content is required (tool calls are not supported).' : 'Content must be a string or a list of content parts.');
  }
  return content.map((part, index) => partText(part, `${at}[${index}]`)).join('');
}

function partText(part: unknown, at: string): string {
  if (typeof part !== 'object' || part === null) throw invalidParam(at, 'Each content part must be an object.');
  const { type, text } = part as Record<string, unknown>;
  if (type !== 'text') {
    throw invalidParam(`${at}.type`, `Content parts of type ${JSON.stringify(type)} are not supported: this server takes text parts only.`);
  }
  if (typeof text !== 'string') throw invalidParam(`${at}.text`, "A text part's 'text' must be a string.");
  return text;
}
