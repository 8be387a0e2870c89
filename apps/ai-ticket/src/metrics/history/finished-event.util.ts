import type { FinishedEvent } from './event-history.store';

/**
 * The event as the history may keep it: the prompt only when configured (prompts may hold personal or
 * secret data), the message cut to `messageMaxLength` characters.
 */
export function sanitizeEvent(event: FinishedEvent, { storePrompts, messageMaxLength }: { storePrompts: boolean; messageMaxLength: number }): FinishedEvent {
  const { prompt, message, ...rest } = event;
  const sanitized: FinishedEvent = { ...rest };
  if (message !== undefined) sanitized.message = truncate(message, messageMaxLength);
  if (prompt !== undefined && storePrompts) sanitized.prompt = prompt;
  return sanitized;
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never leave half of a surrogate pair (an emoji cut in two) at the end.
  return text.slice(0, max).replace(/[\uD800-\uDBFF]$/, '');
}
