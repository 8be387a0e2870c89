import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { clientOf } from '../auth/client.types';

/** Probes and scrapes are frequent and uninteresting; logging them would drown real traffic. */
const QUIET_PATHS = new Set(['/health', '/healthz', '/readyz', '/metrics']);

/** The request path; middleware sees `url` relative to its mount point, `originalUrl` is the real one. */
function pathOf(request: IncomingMessage & { originalUrl?: string }): string {
  return (request.originalUrl ?? request.url ?? '').split('?')[0];
}

/** Structured JSON logs, set up once. Headers that carry secrets are never written. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => {
        const logging = config.get('logging', { infer: true });
        return {
          pinoHttp: {
            level: logging.level,
            genReqId: (request: IncomingMessage) => String(request.headers['x-request-id']),
            autoLogging: { ignore: (request: IncomingMessage) => QUIET_PATHS.has(pathOf(request)) },
            // 5xx other than 500 are upstream trouble, already explained by the error code in the body.
            customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
              err || res.statusCode === 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
            // pino-http invents an Error with a stack for every 5xx; the filter already logged real ones.
            customErrorObject: (_req: IncomingMessage, _res: ServerResponse, _err: Error, value: Record<string, unknown>) => {
              const { err: _synthetic, ...rest } = value;
              return rest;
            },
            // The authenticated client's non-secret identity, so each line says who made the request.
            customProps: (request: IncomingMessage) => ({ client: clientOf(request)?.id }),
            // Only what an operator needs: no headers and no bodies, so no prompts or credentials.
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            ...(logging.pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
          },
        };
      },
    }),
  ],
})
export class LoggingModule {}
