import { Module, OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiAccess } from './api-access.service';
import { AuthMetrics, authMetricProviders } from './auth-metrics';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { AuthGuard } from './auth.guard';
import { SessionController } from './session/session.controller';
import { SecretFileTokenStore } from './store/secret-file-token.store';
import { TokenStore } from './store/token.store';

@Module({
  imports: [RateLimitModule],
  controllers: [SessionController],
  providers: [
    ...authMetricProviders,
    AuthMetrics,
    SecretFileTokenStore,
    { provide: TokenStore, useExisting: SecretFileTokenStore },
    ApiAccess,
    AuthGuard,
    // Registered through `useExisting` so tests can reach (and override) the same instance.
    { provide: APP_GUARD, useExisting: AuthGuard },
  ],
  exports: [TokenStore, ApiAccess],
})
export class AuthModule implements OnModuleInit {
  constructor(
    private readonly store: SecretFileTokenStore,
    private readonly metrics: AuthMetrics,
  ) {}

  onModuleInit(): void {
    this.store.onLoad((tokens, reload) => this.metrics.tokensLoaded(tokens, reload));
  }
}
