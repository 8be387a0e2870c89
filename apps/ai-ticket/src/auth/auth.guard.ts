import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import type { FastifyRequest } from 'fastify';
import { AuthMetrics } from './auth-metrics';
import { attachClient } from './client.types';
import { presentedToken } from './credentials.util';
import { METRICS_ROUTE } from '../metrics/metrics-route.decorator';
import { PUBLIC_ROUTE } from './public.decorator';
import { SESSION_ALLOWED } from './session/session-allowed.decorator';
import { sessionCookieOf } from './session/session-cookie';
import { TokenStore } from './store/token.store';

/**
 * Admits requests that present an accepted token; registered globally, so every route is protected
 * unless marked `@Public()`. Missing credentials → 401 with `WWW-Authenticate`; wrong ones → 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly metricsRequireAuth: boolean;

  constructor(
    private readonly tokens: TokenStore,
    private readonly reflector: Reflector,
    config: ConfigService<AppConfig, true>,
    private readonly metrics: AuthMetrics,
  ) {
    this.metricsRequireAuth = config.get('auth.metricsRequireAuth', { infer: true });
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(METRICS_ROUTE, targets) && !this.metricsRequireAuth) return true;
    if (!this.tokens.enabled) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = presentedToken(request.headers);
    if (token === undefined && this.sessionAllowed(context, request)) {
      const session = sessionCookieOf(request.headers);
      const client = session ? this.tokens.verifySession(session, Date.now()) : undefined;
      if (client) {
        attachClient(request.raw, client);
        return true;
      }
    }
    if (token === undefined) {
      this.metrics.refused('missing');
      throw new AppException(ErrorCode.Unauthorised, 'Credentials are required: send "Authorization: Bearer <token>" or "X-API-Key: <token>".', {
        headers: { 'www-authenticate': 'Bearer realm="ai-ticket"' },
      });
    }
    const client = this.tokens.authenticate(token);
    if (!client) {
      this.metrics.refused('invalid');
      throw new AppException(ErrorCode.Forbidden, 'The credentials presented are not valid.');
    }
    attachClient(request.raw, client);
    return true;
  }

  private sessionAllowed(context: ExecutionContext, request: FastifyRequest): boolean {
    const targets = [context.getHandler(), context.getClass()];
    return request.method === 'GET' && this.reflector.getAllAndOverride<boolean>(SESSION_ALLOWED, targets) === true;
  }
}
