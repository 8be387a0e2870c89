import type { FastifyReply } from 'fastify';

/**
 * A signal that fires if the client disconnects before the response is complete. `onClosed` runs when
 * the response closes, finished or not (the shutdown's in-flight count): one `close` listener serves
 * both, on the hot path.
 */
export function abortWhenCallerLeaves(reply: FastifyReply, onClosed: () => void): AbortSignal {
  const controller = new AbortController();
  const closed = () => {
    onClosed();
    if (!reply.raw.writableFinished) controller.abort();
  };
  // The client may already be gone (it left while the request waited for the limiter): at once, then.
  if (reply.raw.closed || reply.raw.destroyed) closed();
  else reply.raw.once('close', closed);
  return controller.signal;
}
