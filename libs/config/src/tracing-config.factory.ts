import type { TracingConfig } from './app-config.types';
import type { EnvironmentVariables } from './env.validation';

/** The OTLP/HTTP default of the OpenTelemetry spec: a collector on this host. */
const DEFAULT_OTLP_BASE = 'http://localhost:4318';

/**
 * The tracing tree from the standard `OTEL_*` variables, resolved as the OpenTelemetry spec says: the
 * per-signal variables win, a per-signal endpoint is taken as it is, a base endpoint gets `/v1/traces`.
 */
export function buildTracingConfig(env: EnvironmentVariables): TracingConfig {
  const disabled = env.OTEL_SDK_DISABLED === 'true' || env.OTEL_SDK_DISABLED === '1';
  return {
    exporter: disabled ? 'none' : env.OTEL_TRACES_EXPORTER,
    endpoint: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? DEFAULT_OTLP_BASE).replace(/\/+$/, '')}/v1/traces`,
    protocol: env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL,
    headers: { ...parseHeaders(env.OTEL_EXPORTER_OTLP_HEADERS), ...parseHeaders(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS) },
    serviceName: env.OTEL_SERVICE_NAME,
    sampler: env.OTEL_TRACES_SAMPLER,
    samplerArg: env.OTEL_TRACES_SAMPLER_ARG,
  };
}

/** `key=value,key2=value2` with URL-encoded values (the spec's W3C Baggage-like format). */
function parseHeaders(value: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    headers[pair.slice(0, at).trim().toLowerCase()] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return headers;
}
