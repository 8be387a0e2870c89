import { UnsupportedMediaTypeException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@ai-ticket/config';
import { AllExceptionsFilter } from '@ai-ticket/errors';
import type { FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { serveDashboard } from './dashboard/static/dashboard-static';
import { answerAfterUnreadBody } from './http/unread-body.hook';
import { assignRequestId } from './logging/request-id.util';
import { serveOpenApi } from './openapi/openapi.setup';

/** Builds the application exactly as production runs it; tests use the same function. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.server.bodyLimitBytes,
    genReqId: assignRequestId,
    trustProxy: trustedHops(config.server.trustProxyCount),
    // Keep-alive sockets must not hold shutdown open; in-flight requests are drained before close.
    forceCloseConnections: 'idle',
  });
  // bodyParser off: Fastify's own JSON parser then reads bodies. Nest's replacement builds a new parser
  // per request on top of a Buffer copy of the body, for the same result (same size limit and the same
  // refusal of __proto__ and constructor keys); every body we accept is JSON (see hasNonJsonBody).
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { bufferLogs: true, bodyParser: false });
  configureApp(app);
  serveDashboard(app, config.dashboard);
  serveOpenApi(app);
  return app;
}

function configureApp(app: NestFastifyApplication): void {
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new AllExceptionsFilter());
  const fastify = app.getHttpAdapter().getInstance();
  // Errors Fastify raises itself (body parsing, size limit) reach the global filter through Nest's
  // own Fastify error handler, so they get the same contract as ours.
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done(hasNonJsonBody(request) ? new UnsupportedMediaTypeException() : undefined);
  });
  // A refusal sent while the body is still arriving (413, 415) must not reset the connection under the
  // client's feet, or it never reads the answer (behind nginx: a 502 page instead of the JSON 413).
  answerAfterUnreadBody(fastify);
}

/**
 * Trusts exactly the `count` nearest proxy hops for the client address (0: ignore X-Forwarded-For).
 * Fastify 5.12 refuses a bare hop count (it cannot tell a proxy from a client that reaches the pod
 * directly); a hop count is still what TRUST_PROXY_COUNT means, documented for deployments where only
 * the proxies reach the service, so it is spelled out as a trust function.
 */
function trustedHops(count: number): false | ((address: string, hop: number) => boolean) {
  return count > 0 ? (_address, hop) => hop < count : false;
}

/** Every body this API accepts is JSON; anything else (forms, text) is refused before parsing. */
function hasNonJsonBody(request: FastifyRequest): boolean {
  const headers = request.headers;
  const hasBody = headers['transfer-encoding'] !== undefined || (headers['content-length'] ?? '0') !== '0';
  if (!hasBody) return false;
  const type = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return type !== 'application/json' && !type.endsWith('+json');
}
