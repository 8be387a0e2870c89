import { DynamicModule, Module } from '@nestjs/common';
import { AppConfigModule, type AppConfig } from '@ai-ticket/config';
import { AuthModule } from './auth/auth.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DispatchModule } from './dispatch/dispatch.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { OpenAiModule } from './openai/openai.module';
import { ObservabilityModule } from './observability/observability.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { TracingModule } from './tracing/tracing.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [AppConfigModule.forRoot({ config }), ObservabilityModule, TracingModule, MetricsModule, LoggingModule, HealthModule, AuthModule, RateLimitModule, DispatchModule, OpenAiModule, DashboardModule],
    };
  }
}
