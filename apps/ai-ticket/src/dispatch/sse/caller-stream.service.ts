import { Injectable, Logger } from '@nestjs/common';
import { markError, type ErrorCode } from '@ai-ticket/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DispatchMetrics } from '../dispatch-metrics.service';
import { DispatchService } from '../dispatch.service';
import type { AnswerDetails, GenerationRequest } from '../dispatch.types';
import { CallerAbortedError } from '../upstream/upstream-failure';
import type { EventTrace } from '../../tracing/event-tracer';
import type { AnswerTally } from '../usage/call-usage.service';
import { SseWriter } from './sse-writer';

/** An error reported inside a stream that has already started, and what the metrics and history record. */
export interface InBandError {
  payload: unknown;
  code: ErrorCode;
  message: string;
  /** Not anticipated: logged with its stack. */
  unexpected: boolean;
}

/** How one API phrases a relayed stream (`/event`'s `{delta, done}` events, or OpenAI's chunks). */
export interface CallerStreamFormat {
  /** The event sent once the upstream stream is open, before its first delta, if any. */
  opening?(): unknown;
  delta(text: string): unknown;
  /** A finish reason or usage the upstream reported (the relay also keeps the usage in the call's tally). */
  details?(details: AnswerDetails): void;
  /** The `data:` payloads (serialised) that end a complete stream. */
  closing(): string[];
  failure(error: unknown, requestId: string): InBandError;
}

/**
 * Relays an upstream stream to the caller as Server-Sent Events. Until the upstream stream is open,
 * failures are thrown as ordinary HTTP errors with their status; after that they end the stream with
 * one in-band event.
 */
@Injectable()
export class CallerStream {
  private readonly logger = new Logger(CallerStream.name);

  constructor(
    private readonly dispatch: DispatchService,
    private readonly metrics: DispatchMetrics,
  ) {}

  /** `tally` counts what reaches the caller, and keeps the usage the upstream reports, for the token accounting. */
  async relay(generation: GenerationRequest, request: FastifyRequest, reply: FastifyReply, callerGone: AbortSignal, format: CallerStreamFormat, tally: AnswerTally, trace: EventTrace): Promise<void> {
    const writer = new SseWriter(reply.raw);
    const startedAt = performance.now();
    let opened = false;
    let firstToken = true;
    try {
      await this.dispatch.stream(generation, callerGone, trace, tally, {
        open: () => {
          reply.hijack();
          writer.open(reply.getHeaders() as Record<string, string>);
          opened = true;
          const opening = format.opening?.();
          if (opening !== undefined) void writer.send(opening);
        },
        delta: (text) => {
          tally.answered = true;
          tally.characters += text.length;
          // Kept only while it may be counted; V8 joins strings lazily, so this copies nothing.
          if (tally.text !== undefined) tally.text += text;
          if (firstToken) {
            this.metrics.firstTokenAfter((performance.now() - startedAt) / 1000);
            trace.firstToken();
          }
          firstToken = false;
          return writer.send(format.delta(text));
        },
        details: (details: AnswerDetails) => {
          if (details.usage) tally.usage = details.usage;
          format.details?.(details);
        },
      });
      for (const data of format.closing()) await writer.sendData(data);
    } catch (error) {
      if (!opened || error instanceof CallerAbortedError) throw error;
      const failure = format.failure(error, request.id);
      if (failure.unexpected) this.logger.error({ msg: 'Stream failed', err: error, requestId: request.id });
      markError(reply.raw, failure.code, failure.message);
      await writer.send(failure.payload);
    } finally {
      if (opened) writer.end();
    }
  }
}
