import type { IncomingMessage } from 'node:http';

/** An authenticated caller. `id` is stable and not secret: safe for logs and as a rate-limit key. */
export interface Client {
  id: string;
  /** Its own token budget per window (`budget=N` in the token file), overriding `TOKEN_BUDGET`. */
  tokenBudget?: number;
}

const CLIENT = Symbol('ai-ticket.client');

type WithClient = IncomingMessage & { [CLIENT]?: Client };

/** Remembers the caller on the raw request, where the logger and the rate limiter can see it. */
export function attachClient(request: IncomingMessage, client: Client): void {
  (request as WithClient)[CLIENT] = client;
}

export function clientOf(request: IncomingMessage): Client | undefined {
  return (request as WithClient)[CLIENT];
}

/** The caller as usage is reported (metrics, history): its configured name, or `anonymous` without authentication. */
export function usageClientOf(request: IncomingMessage): string {
  return clientOf(request)?.id ?? 'anonymous';
}
