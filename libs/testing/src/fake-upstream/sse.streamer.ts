import type { Exchange } from './exchange.context';
import type { SseFormat } from './wire-format.types';

export interface StreamPacing {
  readonly intervalMs: number;
  readonly firstTokenDelayMs: number;
  /** Cut the connection after this many tokens (before the closing events). */
  readonly dropAfter?: number;
}

/**
 * Writes one event per token as soon as it is produced. With no interval the
 * tokens go out in one synchronous loop, so fast streams cost no timers.
 */
export function streamTokens(exchange: Exchange, sse: SseFormat, tokens: readonly string[], pacing: StreamPacing): void {
  const { intervalMs, dropAfter } = pacing;
  let sent = 0;
  const step = (): void => {
    while (exchange.open) {
      if (dropAfter !== undefined && sent >= dropAfter) return exchange.cutShort();
      if (sent === tokens.length) return exchange.end(sse.finish(sent));
      exchange.write(sse.token(tokens[sent], sent === tokens.length - 1));
      sent += 1;
      if (intervalMs > 0 && sent < tokens.length) return exchange.after(intervalMs, step);
    }
  };
  exchange.startStream();
  if (pacing.firstTokenDelayMs > 0) exchange.after(pacing.firstTokenDelayMs, step);
  else step();
}
