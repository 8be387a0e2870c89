import type { TracingConfig } from '@ai-ticket/config';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  TracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/**
 * The SDK pieces for `OTEL_TRACES_EXPORTER=otlp`: a provider with the configured sampler, batching
 * spans to the OTLP/HTTP exporter of the configured encoding. It is not registered globally: the
 * gateway passes contexts explicitly, so no context manager (async hooks) runs per request.
 */
export function createTracerProvider(config: TracingConfig): TracerProvider {
  return new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
    sampler: samplerOf(config),
    spanProcessors: [new BatchSpanProcessor({ exporter: exporterOf(config) })],
  });
}

function exporterOf({ protocol, endpoint, headers }: TracingConfig): SpanExporter {
  switch (protocol) {
    case 'http/protobuf':
      return new ProtobufTraceExporter({ url: endpoint, headers });
    case 'http/json':
      return new JsonTraceExporter({ url: endpoint, headers });
    default:
      throw new Error(`Unsupported OTLP protocol "${String(protocol)}"`);
  }
}

function samplerOf({ sampler, samplerArg }: TracingConfig): Sampler {
  const ratio = () => new TraceIdRatioBasedSampler(samplerArg ?? 1);
  switch (sampler) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratio();
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio() });
    default:
      throw new Error(`Unsupported trace sampler "${String(sampler)}"`);
  }
}
