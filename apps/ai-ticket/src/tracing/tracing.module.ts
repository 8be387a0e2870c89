import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, TracingConfig } from '@ai-ticket/config';
import { EventTracer } from './event-tracer';
import { NoopEventTracer } from './noop-event-tracer';

/**
 * The one place the tracer adapter is chosen, from the validated `OTEL_TRACES_EXPORTER`. OpenTelemetry's
 * SDK is imported only when traces are exported, so a service without tracing never loads it.
 */
async function tracerFor(tracing: TracingConfig): Promise<EventTracer> {
  switch (tracing.exporter) {
    case 'none':
      return new NoopEventTracer();
    case 'otlp': {
      const [{ createTracerProvider }, { OtelEventTracer }] = await Promise.all([import('./otel/otel-provider.factory'), import('./otel/otel-event-tracer')]);
      return new OtelEventTracer(createTracerProvider(tracing), tracing);
    }
    default:
      throw new Error(`Unsupported trace exporter "${String(tracing.exporter)}"`);
  }
}

@Global()
@Module({
  providers: [{ provide: EventTracer, inject: [ConfigService], useFactory: (config: ConfigService<AppConfig, true>) => tracerFor(config.get('tracing', { infer: true })) }],
  exports: [EventTracer],
})
export class TracingModule {}
