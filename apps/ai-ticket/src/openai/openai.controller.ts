import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AppException, ErrorCode, markError } from '@ai-ticket/errors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiAccess } from '../auth/api-access.service';
import { RateLimiter } from '../rate-limit/rate-limiter.service';
import { ModelCatalog } from './models/model-catalog.service';
import { OpenAiCompletionHandler } from './openai-completion.handler';
import { toOpenAiError } from './openai-error.mapper';
import { parseChatRequest } from './request/chat-request.parser';
import { parseTextRequest } from './request/text-request.parser';
import { chatCompletionDialect } from './response/chat-completion.dialect';
import { textCompletionDialect } from './response/text-completion.dialect';

/**
 * The OpenAI-compatible API under `/v1`, registered on Fastify directly like `POST /event` (the same
 * hot path), in its own Fastify scope so that every error there, Fastify's own included (bad JSON,
 * size limit, unknown `/v1/*` path), is answered in OpenAI's error shape, which the OpenAI SDKs read.
 */
@Injectable()
export class OpenAiController implements OnModuleInit {
  private readonly logger = new Logger(OpenAiController.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly completions: OpenAiCompletionHandler,
    private readonly catalog: ModelCatalog,
    private readonly access: ApiAccess,
    private readonly limiter: RateLimiter,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(
      (scope, _options, done) => {
        scope.setErrorHandler((error: FastifyError, request, reply) => this.answerError(error, request, reply));
        scope.setNotFoundHandler((request, reply) => this.answerError(new AppException(ErrorCode.NotFound, `No such endpoint: ${request.method} ${request.url.split('?')[0]}.`), request, reply));
        scope.post('/chat/completions', (request, reply) => this.completions.handle(request, reply, parseChatRequest, chatCompletionDialect));
        scope.post('/completions', (request, reply) => this.completions.handle(request, reply, parseTextRequest, textCompletionDialect));
        scope.get('/models', (request, reply) => this.models(request, reply));
        done();
      },
      { prefix: '/v1' },
    );
  }

  private async models(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    this.access.admit(request);
    if (this.limiter.enabled) await this.limiter.admit(request, reply);
    await reply.send({ object: 'list', data: await this.catalog.list() });
  }

  private answerError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const response = toOpenAiError(error, request.id);
    markError(reply.raw, response.source.body.error, response.source.body.message);
    if (response.source.unexpected) this.logger.error({ msg: 'Unhandled error', err: error, requestId: request.id });
    if (reply.raw.destroyed) return; // the client is gone; nobody to answer
    if (reply.sent || reply.raw.headersSent) {
      if (!reply.raw.writableEnded) reply.raw.end();
      return;
    }
    void reply.code(response.status).headers(response.headers).send(response.body);
  }
}
