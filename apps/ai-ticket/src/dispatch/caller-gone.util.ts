import type { FastifyReply } from 'fastify';

/** A signal that fires if the client disconnects before the response is complete. */
export function abortWhenCallerLeaves(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const abortIfUnfinished = () => {
    if (!reply.raw.writableFinished) controller.abort();
  };
  // The client may already be gone (it left while the request waited in a guard): abort at once.
  if (reply.raw.closed || reply.raw.destroyed) abortIfUnfinished();
  else reply.raw.once('close', abortIfUnfinished);
  return controller.signal;
}
