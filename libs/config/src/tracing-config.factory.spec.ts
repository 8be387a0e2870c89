import 'reflect-metadata';
import { buildAppConfig } from './app-config.factory';
import { EnvironmentValidationError } from './env.validation';

const tracingOf = (env: Record<string, string>) => buildAppConfig(env).tracing;

describe('tracing configuration (OTEL_*)', () => {
  it('should stay off unless OTEL_TRACES_EXPORTER asks for otlp, even with an endpoint set', () => {
    expect(tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).exporter).toBe('none');
    expect(tracingOf({ OTEL_TRACES_EXPORTER: 'otlp' }).exporter).toBe('otlp');
  });

  it('should let OTEL_SDK_DISABLED turn an enabled exporter off', () => {
    expect(tracingOf({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' }).exporter).toBe('none');
  });

  it('should add /v1/traces to the base endpoint and take the per-signal endpoint as it is', () => {
    expect(tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).endpoint).toBe('http://collector:4318/v1/traces');
    expect(
      tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.com/otlp' }).endpoint,
    ).toBe('https://traces.example.com/otlp');
  });

  it('should prefer the per-signal protocol and headers', () => {
    const tracing = tracingOf({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_HEADERS: 'X-Tenant=a,Authorization=Basic%20abc',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-tenant=b',
    });

    expect(tracing.protocol).toBe('http/protobuf');
    expect(tracing.headers).toEqual({ 'x-tenant': 'b', authorization: 'Basic abc' });
  });

  it('should read the sampler and its ratio', () => {
    expect(tracingOf({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' })).toMatchObject({ sampler: 'parentbased_traceidratio', samplerArg: 0.25 });
  });

  it('should refuse unknown exporters, protocols and samplers, and a ratio outside [0, 1], naming each variable', () => {
    const build = () =>
      buildAppConfig({ OTEL_TRACES_EXPORTER: 'jaeger', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_TRACES_SAMPLER: 'sometimes', OTEL_TRACES_SAMPLER_ARG: '2' });

    expect(build).toThrow(EnvironmentValidationError);
    try {
      build();
    } catch (error) {
      expect((error as EnvironmentValidationError).invalidKeys.sort()).toEqual(['OTEL_EXPORTER_OTLP_PROTOCOL', 'OTEL_TRACES_EXPORTER', 'OTEL_TRACES_SAMPLER', 'OTEL_TRACES_SAMPLER_ARG']);
    }
  });
});
