import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimitGuard } from '../../rate-limit/rate-limit.guard';
import { AuthMetrics } from '../auth-metrics';
import { attachClient } from '../client.types';
import { presentedToken } from '../credentials.util';
import { Public } from '../public.decorator';
import { TokenStore } from '../store/token.store';
import { clearedSessionCookie, sessionCookie, sessionCookieOf } from './session-cookie';

/**
 * Dashboard sign-in: the page sends an API token once and gets a short-lived session cookie, which
 * EventSource then sends with the live feed (it cannot send headers). Public routes: each checks
 * credentials itself.
 */
@Public()
@Controller('api/session')
export class SessionController {
  private readonly ttlMs: number;

  constructor(
    private readonly tokens: TokenStore,
    private readonly metrics: AuthMetrics,
    config: ConfigService<AppConfig, true>,
  ) {
    this.ttlMs = config.get('dashboard.sessionTtlMs', { infer: true });
  }

  /** Whether the page must ask for a token, and whether it already holds a valid session. */
  @Get()
  status(@Req() request: FastifyRequest) {
    const session = sessionCookieOf(request.headers);
    const header = presentedToken(request.headers);
    const authenticated =
      !this.tokens.enabled ||
      (session !== undefined && this.tokens.verifySession(session, Date.now()) !== undefined) ||
      (header !== undefined && this.tokens.authenticate(header) !== undefined);
    return { authRequired: this.tokens.enabled, authenticated };
  }

  /** Exchanges `{"token": "..."}` for the session cookie. Rate-limited like events, so it is no faster way to guess. */
  @Post()
  @HttpCode(204)
  @UseGuards(RateLimitGuard)
  signIn(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    const token = typeof body === 'object' && body !== null ? (body as { token?: unknown }).token : undefined;
    if (typeof token !== 'string' || token.trim() === '') {
      throw new AppException(ErrorCode.InvalidRequest, 'Send {"token": "<API token>"}.', { details: { token: 'is required' } });
    }
    if (!this.tokens.enabled) return;
    const expiresAt = Date.now() + this.ttlMs;
    const session = this.tokens.issueSession(token.trim(), expiresAt);
    if (!session) {
      this.metrics.refused('invalid');
      throw new AppException(ErrorCode.Forbidden, 'The token is not valid.');
    }
    const client = this.tokens.verifySession(session, Date.now());
    if (client) attachClient(request.raw, client);
    void reply.header('set-cookie', sessionCookie(session, Math.floor(this.ttlMs / 1000), request.protocol === 'https'));
  }

  @Delete()
  @HttpCode(204)
  signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    void reply.header('set-cookie', clearedSessionCookie(request.protocol === 'https'));
  }
}
