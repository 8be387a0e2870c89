import { Injectable } from '@nestjs/common';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import type { FastifyRequest } from 'fastify';
import { AuthMetrics } from './auth-metrics';
import { attachClient } from './client.types';
import { presentedToken } from './credentials.util';
import { sessionCookieOf } from './session/session-cookie';
import { TokenStore } from './store/token.store';

/**
 * Who may call the API: admits a request that presents an accepted token (or, where allowed, the
 * dashboard's session cookie) and remembers its client on the request. Missing credentials → 401 with
 * `WWW-Authenticate`; wrong ones → 403. Used by `POST /event` and `/v1/*` (their controllers) and by `AuthGuard` for the Nest routes.
 */
@Injectable()
export class ApiAccess {
  constructor(
    private readonly tokens: TokenStore,
    private readonly metrics: AuthMetrics,
  ) {}

  /** `sessionAllowed`: a GET request may present the dashboard session cookie instead of a token. */
  admit(request: FastifyRequest, sessionAllowed = false): void {
    if (!this.tokens.enabled) return;
    const token = presentedToken(request.headers);
    if (token === undefined && sessionAllowed && request.method === 'GET') {
      const session = sessionCookieOf(request.headers);
      const client = session ? this.tokens.verifySession(session, Date.now()) : undefined;
      if (client) {
        attachClient(request.raw, client);
        return;
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
  }
}
