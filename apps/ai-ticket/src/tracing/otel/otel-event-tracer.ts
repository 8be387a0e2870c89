import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { withoutCredentials, type TracingConfig } from '@ai-ticket/config';
import type { Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { TracerProvider } from '@opentelemetry/sdk-trace';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EventTracer, type EventTrace } from '../event-tracer';
import { OtelEventTrace } from './otel-event-trace';

/** Tracing on (`OTEL_TRACES_EXPORTER=otlp`): OpenTelemetry spans, batched to an OTLP/HTTP collector. */
export class OtelEventTracer extends EventTracer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OtelEventTracer.name);
  private readonly tracer: Tracer;
  private readonly propagator = new W3CTraceContextPropagator();

  constructor(
    private readonly provider: TracerProvider,
    private readonly config: TracingConfig,
  ) {
    super();
    this.tracer = provider.getTracer('ai-ticket');
  }

  onModuleInit(): void {
    const { endpoint, protocol, sampler, samplerArg } = this.config;
    this.logger.log({ msg: 'Exporting traces', endpoint: withoutCredentials(endpoint), protocol, sampler, samplerArg });
  }

  startEvent(request: FastifyRequest, reply: FastifyReply): EventTrace {
    return new OtelEventTrace(this.tracer, this.propagator, request, reply);
  }

  /** Runs after the HTTP server has closed, so the last events' spans are exported too. */
  async onApplicationShutdown(): Promise<void> {
    await this.provider.shutdown();
  }
}
