import { STATUS_CODES } from 'node:http';
import { defaultCompletionFor, splitWordTokens } from './completion-text.util';
import type { Exchange } from './exchange.context';
import type { Behaviour } from './fake-upstream.types';
import { streamTokens } from './sse.streamer';
import type { ServerStats, WireFormat } from './wire-format.types';

/** Everything a behaviour needs to answer one request. */
export interface AnswerContext {
  readonly exchange: Exchange;
  readonly format: WireFormat;
  /** Parsed JSON body, or undefined when it was not JSON. */
  readonly body: unknown;
  /** A POST route got a body that is not JSON: a normal answer is KoboldCPP's 500. */
  readonly badJson: boolean;
  readonly stats: ServerStats;
  readonly tokenIntervalMs: number;
}

const BUSY_BODY = { detail: { msg: 'Server is busy; please try again later.', type: 'service_unavailable' } };
const BAD_JSON_BODY = { detail: { msg: 'Request body is not valid JSON.', type: 'bad_input' } };
const MALFORMED_JSON = '{"choices": [';

export function runBehaviour(ctx: AnswerContext, behaviour: Behaviour): void {
  const { exchange } = ctx;
  if (!exchange.open) return;
  switch (behaviour.kind) {
    case 'ok':
      return answerNormally(ctx, behaviour.text);
    case 'status':
      return answerStatus(exchange, behaviour.status, behaviour.body, behaviour.headers);
    case 'busy':
      return answerBusy(exchange, behaviour.retryAfterSeconds);
    case 'malformed':
      return exchange.send(200, 'application/json', MALFORMED_JSON);
    case 'wrong-shape':
      return exchange.json(200, { unexpected: true });
    case 'drop':
      return exchange.reset();
    case 'hang':
      return; // the exchange is released when the client leaves or the server closes
    case 'delay':
      return exchange.after(behaviour.ms, () => runBehaviour(ctx, behaviour.then));
    case 'stream': {
      if (ctx.badJson) return exchange.json(500, BAD_JSON_BODY);
      ctx.stats.totalGenerations += 1;
      const tokens = behaviour.tokens ?? splitWordTokens(defaultCompletionFor(ctx.format.promptOf(ctx.body)));
      return streamTokens(exchange, ctx.format.openStream(ctx.body, ctx.stats), tokens, {
        intervalMs: behaviour.intervalMs ?? ctx.tokenIntervalMs,
        firstTokenDelayMs: behaviour.firstTokenDelayMs ?? 0,
        dropAfter: behaviour.dropAfter,
      });
    }
  }
}

/** KoboldCPP's real "busy" 503, for a `busy` behaviour and for a request beyond the slots. */
export function answerBusy(exchange: Exchange, retryAfterSeconds?: number): void {
  exchange.json(503, BUSY_BODY, retryAfterSeconds === undefined ? undefined : { 'retry-after': String(retryAfterSeconds) });
}

function answerNormally(ctx: AnswerContext, scriptedText: string | undefined): void {
  const { exchange, format, body } = ctx;
  if (ctx.badJson) return exchange.json(500, BAD_JSON_BODY);
  if (format.generates) ctx.stats.totalGenerations += 1;
  const prompt = format.promptOf(body);
  const text = scriptedText ?? defaultCompletionFor(prompt);
  if (format.streams(body)) {
    return streamTokens(exchange, format.openStream(body, ctx.stats), splitWordTokens(text), { intervalMs: ctx.tokenIntervalMs, firstTokenDelayMs: 0 });
  }
  exchange.json(200, format.answer(text, prompt, ctx.stats));
}

function answerStatus(exchange: Exchange, status: number, body: unknown, headers: Record<string, string> | undefined): void {
  if (status === 204 || status === 304) return exchange.sendEmpty(status, headers);
  if (typeof body === 'string') return exchange.send(status, 'text/plain; charset=utf-8', body, headers);
  exchange.json(status, body ?? { detail: STATUS_CODES[status] ?? 'Error' }, headers);
}
