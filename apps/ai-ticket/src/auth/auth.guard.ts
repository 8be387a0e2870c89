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

/** What a route's decorators say about credentials; read once per route, not per request. */
interface RouteAccess {
  /** `@Public()`, or the scrape route while METRICS_REQUIRE_AUTH is off. */
  open: boolean;
  /** `@SessionAllowed()`: GET requests may present the dashboard session cookie instead. */
  sessionAllowed: boolean;
}

/**
 * Admits requests that present an accepted token; registered globally, so every route is protected
 * unless marked `@Public()`. Missing credentials → 401 with `WWW-Authenticate`; wrong ones → 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly metricsRequireAuth: boolean;
  /** By route handler: decorator metadata is fixed once the application is built. */
  private readonly accessByHandler = new WeakMap<object, RouteAccess>();

  constructor(
    private readonly tokens: TokenStore,
    private readonly reflector: Reflector,
    config: ConfigService<AppConfig, true>,
    private readonly metrics: AuthMetrics,
  ) {
    this.metricsRequireAuth = config.get('auth.metricsRequireAuth', { infer: true });
  }

  canActivate(context: ExecutionContext): boolean {
    const access = this.accessOf(context);
    if (access.open || !this.tokens.enabled) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = presentedToken(request.headers);
    if (token === undefined && access.sessionAllowed && request.method === 'GET') {
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

  private accessOf(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    let access = this.accessByHandler.get(handler);
    if (!access) {
      const targets = [handler, context.getClass()];
      const marked = (key: string) => this.reflector.getAllAndOverride<boolean>(key, targets) === true;
      access = { open: marked(PUBLIC_ROUTE) || (marked(METRICS_ROUTE) && !this.metricsRequireAuth), sessionAllowed: marked(SESSION_ALLOWED) };
      this.accessByHandler.set(handler, access);
    }
    return access;
  }
}
