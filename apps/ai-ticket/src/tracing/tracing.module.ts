import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, TracingConfig } from '@ai-ticket/config';
import { EventTracer } from './event-tracer';
import { NoopEventTracer } from './noop-event-tracer';
import { createTracerProvider } from './otel/otel-provider.factory';
import { OtelEventTracer } from './otel/otel-event-tracer';

/** The one place the tracer adapter is chosen, from the validated `OTEL_TRACES_EXPORTER`. */
function tracerFor(tracing: TracingConfig): EventTracer {
  switch (tracing.exporter) {
    case 'none':
      return new NoopEventTracer();
    case 'otlp':
      return new OtelEventTracer(createTracerProvider(tracing), tracing);
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
