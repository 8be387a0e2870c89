import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** A finished request, as every observer sees it. */
export interface RequestCompletion {
  request: FastifyRequest;
  reply: FastifyReply;
  /** Route template (`/event`), or `unmatched` for unknown paths: a bounded label, never the raw path. */
  route: string;
  statusCode: number;
  elapsedMs: number;
  /** The client left before the response was complete. */
  aborted: boolean;
}

export type RequestStartObserver = (request: FastifyRequest) => void;
export type RequestCompletionObserver = (completion: RequestCompletion) => void;

export const UNMATCHED_ROUTE = 'unmatched';

/**
 * One Fastify hook for everything that watches requests (access log, HTTP metrics, event history): each
 * request pays for a single `close` listener, which also covers streams (Fastify skips its response
 * hooks once a reply is hijacked) and clients that leave early.
 */
@Injectable()
export class RequestCompletionHub implements OnModuleInit {
  private readonly startObservers: RequestStartObserver[] = [];
  private readonly completionObservers: RequestCompletionObserver[] = [];

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onStart(observer: RequestStartObserver): void {
    this.startObservers.push(observer);
  }

  onComplete(observer: RequestCompletionObserver): void {
    this.completionObservers.push(observer);
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request, reply, done) => {
      const startedAt = performance.now();
      for (const observe of this.startObservers) observe(request);
      reply.raw.once('close', () => this.complete(request, reply, performance.now() - startedAt));
      done();
    });
  }

  private complete(request: FastifyRequest, reply: FastifyReply, elapsedMs: number): void {
    const completion: RequestCompletion = {
      request,
      reply,
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      statusCode: reply.raw.statusCode,
      elapsedMs,
      // Closed before we finished writing: the client left (or the connection broke) mid-answer.
      aborted: !reply.raw.writableEnded,
    };
    for (const observe of this.completionObservers) observe(completion);
  }
}
