import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import type { FastifyRequest } from 'fastify';
import { ApiAccess } from './api-access.service';
import { METRICS_ROUTE } from '../metrics/metrics-route.decorator';
import { PUBLIC_ROUTE } from './public.decorator';
import { SESSION_ALLOWED } from './session/session-allowed.decorator';

/** What a route's decorators say about credentials; read once per route, not per request. */
interface RouteAccess {
  /** `@Public()`, or the scrape route while METRICS_REQUIRE_AUTH is off. */
  open: boolean;
  /** `@SessionAllowed()`: GET requests may present the dashboard session cookie instead. */
  sessionAllowed: boolean;
}

/**
 * Applies `ApiAccess` to every Nest route (registered globally) unless it is marked `@Public()`.
 * `POST /event` and the OpenAI routes are served outside Nest's router (dispatch/event.controller.ts,
 * openai/openai.controller.ts) and call `ApiAccess` themselves.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly metricsRequireAuth: boolean;
  /** By route handler: decorator metadata is fixed once the application is built. */
  private readonly accessByHandler = new WeakMap<object, RouteAccess>();

  constructor(
    private readonly apiAccess: ApiAccess,
    private readonly reflector: Reflector,
    config: ConfigService<AppConfig, true>,
  ) {
    this.metricsRequireAuth = config.get('auth.metricsRequireAuth', { infer: true });
  }

  canActivate(context: ExecutionContext): boolean {
    const access = this.accessOf(context);
    if (!access.open) this.apiAccess.admit(context.switchToHttp().getRequest<FastifyRequest>(), access.sessionAllowed);
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
