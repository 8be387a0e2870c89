import { Injectable, OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { clientOf } from '../auth/client.types';
import { RequestCompletionHub, type RequestCompletion } from '../observability/request-completion.hub';
import { traceIdOf } from '../tracing/trace-id.util';
import { writeAccessLine, type AccessEntry } from './access-line';

/** Probes and scrapes are frequent and uninteresting; logging them would drown real traffic. */
const QUIET_ROUTES = new Set(['/health', '/healthz', '/readyz', '/metrics']);

/**
 * One line per request when its response ends (or the client leaves): id, method, URL, status,
 * duration, the authenticated client's non-secret identity and, when traced, the trace id. Never headers or bodies, so neither
 * credentials nor prompts reach the logs.
 */
@Injectable()
export class AccessLogObserver implements OnModuleInit {
  constructor(private readonly hub: RequestCompletionHub) {}

  onModuleInit(): void {
    this.hub.onComplete((completion) => this.log(completion));
  }

  private log({ request, reply, route, statusCode, elapsedMs, aborted }: RequestCompletion): void {
    const logger = PinoLogger.root;
    if (!logger || QUIET_ROUTES.has(route)) return;
    const entry: AccessEntry = {
      requestId: request.id,
      method: request.method,
      url: request.url,
      statusCode: aborted && !reply.raw.headersSent ? undefined : statusCode,
      responseTime: Math.round(elapsedMs),
      client: clientOf(request.raw)?.id,
      // Absent when untraced: the line links to the trace in the collector.
      traceId: traceIdOf(request.raw),
      aborted,
    };
    const message = aborted ? 'request aborted' : 'request completed';
    writeAccessLine(logger, levelOf(statusCode, aborted), entry, message);
  }
}

/** Errors for failures of our own; gateway statuses (upstream trouble) and client errors are warnings. */
function levelOf(statusCode: number, aborted: boolean): 'error' | 'warn' | 'info' {
  if (statusCode >= 500 && statusCode !== 502 && statusCode !== 503 && statusCode !== 504) return 'error';
  return statusCode >= 400 || aborted ? 'warn' : 'info';
}
