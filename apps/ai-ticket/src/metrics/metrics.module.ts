import { Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';
import { EventHistoryObserver } from './events/event-history.observer';
import { EventMetricsObserver, eventMetricProviders } from './events/event-metrics.observer';
import { EventHistoryModule } from './history/event-history.module';
import { HttpMetricsObserver } from './http-metrics.observer';
import { httpMetricProviders } from './http-metrics.providers';
import { MetricsController } from './metrics.controller';

/**
 * `/metrics` for Prometheus. Global, so every feature module can declare its own metric providers
 * (`make…Provider`) and have `METRICS_NAMESPACE` applied to them (`customMetricPrefix`).
 */
@Module({
  imports: [
    EventHistoryModule,
    PrometheusModule.registerAsync({
      global: true,
      controller: MetricsController,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => {
        const prefix = config.get('metrics.namespace', { infer: true });
        return {
          path: '/metrics',
          customMetricPrefix: prefix,
          // prom-client's default registry is process-wide: collect the Node defaults once per process.
          defaultMetrics: { enabled: register.getSingleMetric(`${prefix}_process_cpu_seconds_total`) === undefined, config: { prefix: `${prefix}_` } },
        };
      },
    }),
  ],
  providers: [...httpMetricProviders, HttpMetricsObserver, ...eventMetricProviders, EventMetricsObserver, EventHistoryObserver],
})
export class MetricsModule implements OnModuleInit {
  constructor(private readonly config: ConfigService<AppConfig, true>) {}

  /**
   * prom-client's Node defaults include three gauges named `…_total`, a suffix reserved for counters
   * (promtool rejects them); the same values are exported as `nodejs_active_{handles,requests,resources}`.
   */
  onModuleInit(): void {
    const prefix = this.config.get('metrics.namespace', { infer: true });
    for (const name of ['active_handles_total', 'active_requests_total', 'active_resources_total']) {
      register.removeSingleMetric(`${prefix}_nodejs_${name}`);
    }
  }
}
