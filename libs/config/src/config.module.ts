import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { AppConfig } from './app-config.types';

/**
 * Exposes the already-validated configuration tree as a global, typed `ConfigService`
 * (`config.get('upstream', { infer: true })`). Validation happens once, before the app is built.
 */
@Module({})
export class AppConfigModule {
  static forRoot({ config }: { config: AppConfig }): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ isGlobal: true, cache: true, ignoreEnvFile: true, load: [() => ({ ...config })] })],
      exports: [ConfigModule],
    };
  }
}
