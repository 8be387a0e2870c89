import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { markError } from './error-code.marker';
import { toErrorResponse } from './error-response.mapper';

/**
 * Every error leaving a handler goes through here, including those Fastify raises itself (body
 * parsing, size limit, unknown route: Nest routes them to its global filters), so every client sees
 * the same `{error, message, details?, requestId}` contract.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const response = toErrorResponse(exception, request.id);
    markError(reply.raw, response.body.error, response.body.message);
    if (response.unexpected) {
      // The `err` key lets pino serialise the stack; `msg` carries the message, since Nest's Logger reads
      // a trailing string argument as the context: https://getpino.io/#/docs/api?id=serializers-object
      this.logger.error({ msg: 'Unhandled error', err: exception, requestId: request.id });
    }
    if (reply.raw.destroyed) return; // the client is gone; nobody to answer
    if (reply.sent || reply.raw.headersSent) {
      // A response already started: it cannot change status any more, so just end it.
      if (!reply.raw.writableEnded) reply.raw.end();
      return;
    }
    void reply.code(response.status).headers(response.headers).send(response.body);
  }
}
