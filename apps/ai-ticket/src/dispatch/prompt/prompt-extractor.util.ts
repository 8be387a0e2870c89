/**
 * Derives the prompt text from an event's `content`, which may be:
 * - a string (the prompt itself), or a string holding JSON that is parsed and read as below;
 * - an object with `messages` (OpenAI chat form: the user turns, joined by newlines) or `prompt`;
 * - a list of strings and/or such objects (joined by newlines).
 * Returns undefined when no usable (non-blank) prompt can be derived.
 */
export function extractPrompt(content: unknown): string | undefined {
  return fromValue(content, 0);
}

/** Deep enough for a JSON string holding a list of objects; stops pathological nesting. */
const MAX_DEPTH = 4;

function fromValue(value: unknown, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (typeof value === 'string') return fromString(value, depth);
  if (Array.isArray(value)) return fromList(value, depth);
  if (isRecord(value)) return fromObject(value, depth);
  return undefined;
}

function fromString(text: string, depth: number): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const parsed = tryParseJson(trimmed);
    // Text that merely looks like JSON (e.g. "[draft] fix the login page") is a prompt in its own right.
    if (parsed !== undefined) return fromValue(parsed, depth + 1);
  }
  return trimmed;
}

function fromList(items: unknown[], depth: number): string | undefined {
  const parts: string[] = [];
  for (const item of items) {
    if (Array.isArray(item)) continue; // lists hold strings or objects, not further lists
    const part = fromValue(item, depth + 1);
    if (part !== undefined) parts.push(part);
  }
  return parts.length > 0 ? parts.join('\n') : undefined;
}

function fromObject(object: Record<string, unknown>, depth: number): string | undefined {
  if (Array.isArray(object.messages)) return fromMessages(object.messages);
  if (object.prompt !== undefined) return typeof object.prompt === 'string' ? fromString(object.prompt, depth) : undefined;
  return undefined;
}

function fromMessages(messages: unknown[]): string | undefined {
  const turns: string[] = [];
  for (const message of messages) {
    if (!isRecord(message) || message.role !== 'user') continue;
    const text = messageText(message.content)?.trim();
    if (text) turns.push(text);
  }
  return turns.length > 0 ? turns.join('\n') : undefined;
}

/** OpenAI message content is a string or a list of parts such as `{type: "text", text}`. */
function messageText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content
    .filter((part): part is { type: 'text'; text: string } => isRecord(part) && part.type === 'text' && typeof part.text === 'string')
    .map((part) => part.text);
  return texts.length > 0 ? texts.join('\n') : undefined;
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
