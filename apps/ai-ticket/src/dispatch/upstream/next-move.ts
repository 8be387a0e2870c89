import type { FailoverReason } from '../fleet/fleet-metrics.service';
import type { RetryPolicy } from './retry-policy';
import type { UpstreamFailure, UpstreamFailureKind } from './upstream-failure';

/** The failure kinds that spend a retry (the rule below); `upstream_retries_total`'s `reason`. */
export const RETRY_REASONS = ['connection', 'server', 'rate-limited'] as const satisfies readonly UpstreamFailureKind[];

/** What an event does after a failed attempt (before anything reached its caller). */
export type NextMove =
  /** Answer the caller with this failure. */
  | { kind: 'give-up' }
  /** Same upstream, its next API (this one is missing or unreadable). */
  | { kind: 'next-endpoint' }
  /** Same upstream, same API, after a pause (the slot is kept meanwhile). */
  | { kind: 'retry-here'; delayMs: number }
  /** Give the slot back and wait, at the head of the queue, for a slot on another upstream. */
  | { kind: 'move'; reason: FailoverReason }
  /** Take a free slot on another upstream if there is one now; otherwise pause and retry here. */
  | { kind: 'move-if-free'; reason: FailoverReason; delayMs: number };

export interface MoveContext {
  /** Retries already spent on failures (busy answers spend none). */
  retries: number;
  /** Busy answers already waited on. */
  busyWaits: number;
  /** Time left before the event's deadline (`UPSTREAM_TIMEOUT_MS`). */
  deadlineLeftMs: number;
  /** Time left of the event's wait for a slot (`UPSTREAM_QUEUE_TIMEOUT_MS`), which busy answers use up. */
  waitLeftMs: number;
  /** Whether another upstream takes work now (its slots may all be taken). */
  otherUpstream: boolean;
  /** Whether this upstream still takes work (its circuit may just have opened). */
  hereTakesWork: boolean;
}

/**
 * The failover rule, in one place:
 * - busy (a 503 from a server whose slot someone else holds) is back-pressure: wait as advised and try
 *   again, on another upstream if one has a slot free now; never a failure, never a spent retry;
 * - a connection failure goes to another upstream that takes work, waiting for its slot; with none,
 *   back off and retry here;
 * - 5xx and 429 back off and retry here; then 5xx tries the upstream's next API;
 * - a missing or unreadable API tries the next one; timeouts, credentials and other 4xx give up.
 * Retries are bounded by `UPSTREAM_MAX_RETRIES` and every pause by the deadline.
 */
export function nextMove(failure: UpstreamFailure, context: MoveContext, retries: RetryPolicy): NextMove {
  switch (failure.kind) {
    case 'not-found':
    case 'format':
    case 'structure':
      return { kind: 'next-endpoint' };
    case 'busy': {
      const delayMs = retries.delayMs(failure, context.busyWaits);
      // Busy for as long as the event may wait for a slot: it is answered as a queue that did not move.
      if (delayMs >= context.waitLeftMs || delayMs >= context.deadlineLeftMs) return { kind: 'give-up' };
      return leaveIfClosed({ kind: 'move-if-free', reason: 'busy', delayMs }, context);
    }
    case 'connection':
      if (!retries.canRetry(failure, context.retries)) return { kind: 'give-up' };
      if (context.otherUpstream) return { kind: 'move', reason: 'connection' };
      return pauseHere(retries.delayMs(failure, context.retries), context);
    case 'server':
    case 'rate-limited':
      if (!retries.canRetry(failure, context.retries)) return failure.kind === 'server' ? { kind: 'next-endpoint' } : { kind: 'give-up' };
      return pauseHere(retries.delayMs(failure, context.retries), context);
    default:
      return { kind: 'give-up' };
  }
}

function pauseHere(delayMs: number, context: MoveContext): NextMove {
  if (delayMs >= context.deadlineLeftMs) return { kind: 'give-up' };
  return leaveIfClosed({ kind: 'retry-here', delayMs }, context);
}

/** Pausing on an upstream whose circuit has just opened is pointless: leave it if another takes work. */
function leaveIfClosed(move: NextMove, context: MoveContext): NextMove {
  if (context.hereTakesWork) return move;
  return context.otherUpstream ? { kind: 'move', reason: 'circuit_open' } : { kind: 'give-up' };
}
