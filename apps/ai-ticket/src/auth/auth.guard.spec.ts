import type { AuthMetrics } from './auth-metrics';
import type { AppConfig } from '@ai-ticket/config';
import type { ConfigService } from '@nestjs/config';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import type { IncomingMessage } from 'node:http';
import { ApiAccess } from './api-access.service';
import { AuthGuard } from './auth.guard';
import { type Client, clientOf } from './client.types';
import { Public } from './public.decorator';
import { TokenStore } from './store/token.store';

const VALID = 'a-long-enough-secret-token';

class FakeTokenStore extends TokenStore {
  enabledFlag = true;
  readonly presented: string[] = [];

  get enabled(): boolean {
    return this.enabledFlag;
  }

  authenticate(token: string): Client | undefined {
    this.presented.push(token);
    return token === VALID ? { id: 'ci-bot' } : undefined;
  }

  issueSession(token: string, expiresAt: number): string | undefined {
    return token === VALID ? `session-${expiresAt}` : undefined;
  }

  verifySession(value: string): Client | undefined {
    return value.startsWith('session-') ? { id: 'ci-bot' } : undefined;
  }
}

class ProtectedController {
  list(): void {}
}

class MixedController {
  @Public()
  health(): void {}
}

@Public()
class OpenController {
  status(): void {}
}

interface FakeRequest {
  headers: Record<string, string>;
  raw: IncomingMessage;
}

function contextFor(request: FakeRequest, handler: () => void = ProtectedController.prototype.list, controller: object = ProtectedController): ExecutionContext {
  return {
    switchToHttp: () => ({ getRequest: () => request }),
    getHandler: () => handler,
    getClass: () => controller,
  } as unknown as ExecutionContext;
}

function requestWith(headers: Record<string, string> = {}): FakeRequest {
  return { headers, raw: {} as IncomingMessage };
}

function rejectionOf(action: () => unknown): AppException {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(AppException);
    return error as AppException;
  }
  throw new Error('expected the guard to refuse');
}

/** The guard reads one setting. */
function configWith(auth: { metricsRequireAuth: boolean }): ConfigService<AppConfig, true> {
  return { get: (key: string) => (key === 'auth.metricsRequireAuth' ? auth.metricsRequireAuth : undefined) } as unknown as ConfigService<AppConfig, true>;
}

describe(AuthGuard.name, () => {
  let sut: AuthGuard;
  let tokens: FakeTokenStore;

  beforeEach(() => {
    tokens = new FakeTokenStore();
    sut = new AuthGuard(new ApiAccess(tokens, { refused: jest.fn() } as unknown as AuthMetrics), new Reflector(), configWith({ metricsRequireAuth: false }));
  });

  describe('canActivate', () => {
    it('should admit a route marked @Public() without credentials', () => {
      const request = requestWith();

      expect(sut.canActivate(contextFor(request, MixedController.prototype.health, MixedController))).toBe(true);
      expect(tokens.presented).toEqual([]);
    });

    it('should admit every route of a controller marked @Public()', () => {
      expect(sut.canActivate(contextFor(requestWith(), OpenController.prototype.status, OpenController))).toBe(true);
    });

    it('should admit any request when no token source is configured', () => {
      tokens.enabledFlag = false;
      const request = requestWith();

      expect(sut.canActivate(contextFor(request))).toBe(true);
      expect(clientOf(request.raw)).toBeUndefined();
    });

    it('should refuse missing credentials as unauthorised with a Bearer challenge', () => {
      const error = rejectionOf(() => sut.canActivate(contextFor(requestWith())));

      expect(error.code).toBe(ErrorCode.Unauthorised);
      expect(error.headers['www-authenticate']).toMatch(/^Bearer/);
    });

    it('should treat another auth scheme as missing credentials', () => {
      const error = rejectionOf(() => sut.canActivate(contextFor(requestWith({ authorization: 'Basic dXNlcjpwYXNz' }))));

      expect(error.code).toBe(ErrorCode.Unauthorised);
      expect(tokens.presented).toEqual([]);
    });

    it('should refuse a wrong token as forbidden, without a challenge and without echoing it', () => {
      const request = requestWith({ authorization: 'Bearer wrong-token-value' });

      const error = rejectionOf(() => sut.canActivate(contextFor(request)));

      expect(error.code).toBe(ErrorCode.Forbidden);
      expect(error.headers['www-authenticate']).toBeUndefined();
      expect(error.message).not.toContain('wrong-token-value');
      expect(clientOf(request.raw)).toBeUndefined();
    });

    it('should admit a valid Bearer token and attach the client to the raw request', () => {
      const request = requestWith({ authorization: `Bearer ${VALID}` });

      expect(sut.canActivate(contextFor(request))).toBe(true);
      expect(tokens.presented).toEqual([VALID]);
      expect(clientOf(request.raw)).toEqual({ id: 'ci-bot' });
    });

    it('should admit a valid X-API-Key', () => {
      const request = requestWith({ 'x-api-key': VALID });

      expect(sut.canActivate(contextFor(request))).toBe(true);
      expect(clientOf(request.raw)).toEqual({ id: 'ci-bot' });
    });
  });
});
