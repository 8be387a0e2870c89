import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';

/** How long an answer waits for the rest of a body the service did not read (see below). */
export const UNREAD_BODY_WAIT_MS = 10_000;

/**
 * Sends no answer while the request body is still arriving: the rest of it is read and dropped first
 * (never buffered), for up to `waitMs`.
 *
 * Why: a body over BODY_LIMIT_BYTES is refused from its Content-Length, unread, and Fastify marks that
 * reply `Connection: close`; Node then closes the socket as soon as the 413 is written. Closing a socket
 * whose peer is still sending makes the kernel answer with a reset, and a client that is still writing
 * (nginx forwarding a 1.5 MB body, or any HTTP client) gets EPIPE/ECONNRESET instead of the 413:
 * nginx turns that into its own 502 page. Once the whole body has been read, the close is a clean one.
 * A client still sending after `waitMs` gets the answer anyway (and may see that reset).
 */
export function answerAfterUnreadBody(fastify: FastifyInstance, waitMs = UNREAD_BODY_WAIT_MS): void {
  fastify.addHook('onSend', (request, _reply, payload, done) => {
    // `complete`: the whole request has been received (false only on a real socket still receiving a body).
    if (request.raw.complete !== false) return done(null, payload);
    discardRest(request.raw, waitMs, () => done(null, payload));
  });
}

/** Reads the rest of `req` off the wire without keeping it; calls `then` once when it ended, broke or `waitMs` passed. */
function discardRest(req: IncomingMessage, waitMs: number, then: () => void): void {
  if (req.destroyed) return then();
  const settle = () => {
    clearTimeout(timer);
    req.off('end', settle).off('close', settle).off('error', settle);
    then();
  };
  const timer = setTimeout(settle, waitMs).unref();
  req.once('end', settle).once('close', settle).once('error', settle);
  // Flowing with no 'data' listener: each chunk is dropped as it arrives.
  req.resume();
}
