import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import type { FastifyRequest } from 'fastify';
import { attachClient } from './client.types';
import { presentedToken } from './credentials.util';
import { PUBLIC_ROUTE } from './public.decorator';
import { TokenStore } from './store/token.store';

/**
 * Admits requests that present an accepted token; registered globally, so every route is protected
 * unless marked `@Public()`. Missing credentials → 401 with `WWW-Authenticate`; wrong ones → 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenStore,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    if (!this.tokens.enabled) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = presentedToken(request.headers);
    if (token === undefined) {
      throw new AppException(ErrorCode.Unauthorised, 'Credentials are required: send "Authorization: Bearer <token>" or "X-API-Key: <token>".', {
        headers: { 'www-authenticate': 'Bearer realm="ai-ticket"' },
      });
    }
    const client = this.tokens.authenticate(token);
    if (!client) throw new AppException(ErrorCode.Forbidden, 'The credentials presented are not valid.');
    attachClient(request.raw, client);
    return true;
  }
}
