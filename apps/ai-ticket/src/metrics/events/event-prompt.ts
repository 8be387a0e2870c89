import type { IncomingMessage } from 'node:http';

const PROMPT = Symbol('ai-ticket.prompt');

type WithPrompt = IncomingMessage & { [PROMPT]?: string };

/** Keeps the event's prompt with the request, for the history (which stores it only if configured to). */
export function rememberPrompt(request: IncomingMessage, prompt: string): void {
  (request as WithPrompt)[PROMPT] = prompt;
}

export function promptOf(request: IncomingMessage): string | undefined {
  return (request as WithPrompt)[PROMPT];
}
