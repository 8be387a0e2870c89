import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { SecretFileTokenStore } from './store/secret-file-token.store';
import { TokenStore } from './store/token.store';

@Module({
  providers: [
    SecretFileTokenStore,
    { provide: TokenStore, useExisting: SecretFileTokenStore },
    AuthGuard,
    // Registered through `useExisting` so tests can reach (and override) the same instance.
    { provide: APP_GUARD, useExisting: AuthGuard },
  ],
  exports: [TokenStore],
})
export class AuthModule {}
