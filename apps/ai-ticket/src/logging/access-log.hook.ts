import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { PinoLogger } from 'nestjs-pino';
import { clientOf } from '../auth/client.types';

/** Probes and scrapes are frequent and uninteresting; logging them would drown real traffic. */
const QUIET_PATHS = new Set(['/health', '/healthz', '/readyz', '/metrics']);

/**
 * One line per request when its response ends (or the client leaves): id, method, URL, status,
 * duration and the authenticated client's non-secret identity. Never headers or bodies, so neither
 * credentials nor prompts reach the logs. Listening for `close` covers streams too, which Fastify's
 * own response hooks skip once a reply is hijacked.
 */
export function registerAccessLog(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!QUIET_PATHS.has(request.url.split('?', 1)[0])) {
      const startedAt = performance.now();
      reply.raw.once('close', () => logCompletion(request, reply, performance.now() - startedAt));
    }
    done();
  });
}

function logCompletion(request: FastifyRequest, reply: FastifyReply, elapsedMs: number): void {
  const logger = PinoLogger.root;
  if (!logger) return;
  const statusCode = reply.raw.statusCode;
  const aborted = !reply.raw.writableFinished;
  // Flat keys: the root logger's `req`/`res` serializers expect Node's own objects, not summaries.
  const entry = {
    requestId: request.id,
    method: request.method,
    url: request.url,
    statusCode: aborted && !reply.raw.headersSent ? undefined : statusCode,
    responseTime: Math.round(elapsedMs),
    client: clientOf(request.raw as IncomingMessage)?.id,
    ...(aborted ? { aborted } : {}),
  };
  const message = aborted ? 'request aborted' : 'request completed';
  if (statusCode >= 500 && statusCode !== 502 && statusCode !== 503 && statusCode !== 504) logger.error(entry, message);
  else if (statusCode >= 400 || aborted) logger.warn(entry, message);
  else logger.info(entry, message);
}
