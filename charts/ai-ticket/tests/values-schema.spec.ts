import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderError } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { CHART_DIR } from '../../../test/packaging/support/paths';

const schema = JSON.parse(readFileSync(join(CHART_DIR, 'values.schema.json'), 'utf8'));

/** Every object schema in the tree, with its JSON pointer. */
function objectSchemas(node: unknown, path = '#'): Array<{ path: string; schema: Record<string, unknown> }> {
  if (!node || typeof node !== 'object') return [];
  const found: Array<{ path: string; schema: Record<string, unknown> }> = [];
  const record = node as Record<string, unknown>;
  if (record.type === 'object' && record.properties) found.push({ path, schema: record });
  for (const [key, child] of Object.entries(record)) found.push(...objectSchemas(child, `${path}/${key}`));
  return found;
}

describe('values.schema.json', () => {
  it('should be a draft-07 schema whose top level is closed', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
  });

  it('should close every object the chart owns (Kubernetes pass-through objects stay open on purpose)', () => {
    const open = objectSchemas(schema)
      .filter(({ schema: s }) => s.additionalProperties === undefined)
      .map(({ path }) => path);
    expect(open).toEqual(['#/properties/extraEnv/items', '#/properties/podSecurityContext', '#/properties/containerSecurityContext']);
  });

  it('should describe every key of values.yaml, and values.yaml should announce the schema', () => {
    const text = readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=values.schema.json');
    const values = parse(text) as Record<string, unknown>;
    expect(Object.keys(values).filter((key) => !(key in schema.properties))).toEqual([]);
  });

  it('should use enums for storage.backend, image.pullPolicy and the upstream modes', () => {
    expect(schema.properties.storage.properties.backend.enum).toEqual(['memory', 'sqlite', 'redis']);
    expect(schema.properties.upstream.properties.slots.properties.backend.enum).toEqual(['auto', 'local', 'redis']);
    expect(schema.properties.upstream.properties.slots.properties.failMode.enum).toEqual(['local', 'closed']);
    expect(schema.properties.upstream.properties.discovery.properties.mode.enum).toEqual(['static', 'dns']);
    expect(schema.properties.image.properties.pullPolicy.enum).toEqual(['Always', 'IfNotPresent', 'Never']);
  });
});

describeWithK8sTools('values.schema.json through helm', () => {
  it.each([
    ['an unknown top-level key', { replicas: 2 }, "additional properties 'replicas' not allowed"],
    ['a misspelt nested key', { ingress: { enabeld: true } }, "additional properties 'enabeld' not allowed"],
    ['an unknown storage.backend', { storage: { backend: 'mongodb' } }, '/storage/backend'],
    ['an unknown pullPolicy', { image: { pullPolicy: 'Sometimes' } }, '/image/pullPolicy'],
    ['a string replicaCount', { replicaCount: 'two' }, '/replicaCount'],
    ['an unknown history.backend', { history: { backend: 'mysql' } }, '/history/backend'],
    ['a journal mode SQLite does not support here', { storage: { sqlite: { journalMode: 'truncate' } } }, '/storage/sqlite/journalMode'],
    ['a token with neither token nor sha256', { auth: { tokens: [{ name: 'ci' }] } }, '/auth/tokens/0'],
    ['a token name with spaces', { auth: { tokens: [{ name: 'my client', token: 'a-long-enough-token-value' }] } }, '/auth/tokens/0/name'],
    ['a malformed sha256', { auth: { tokens: [{ name: 'ci', sha256: 'abc' }] } }, '/auth/tokens/0/sha256'],
    ['a non-http upstream URL', { upstream: { url: 'ftp://kobold' } }, '/upstream/url'],
    ['a non-redis REDIS_URL', { redis: { url: 'http://redis:6379' } }, '/redis/url'],
    ['a trustProxyCount above 32', { config: { trustProxyCount: 99 } }, '/config/trustProxyCount'],
    ['an unknown access mode', { persistence: { accessModes: ['ReadWriteSometimes'] } }, '/persistence/accessModes/0'],
    ['a privileged container port', { containerPort: 80 }, '/containerPort'],
    ['a scrape interval that is not a duration', { metrics: { serviceMonitor: { interval: 'often' } } }, '/metrics/serviceMonitor/interval'],
    ['an error-ratio threshold above 1', { metrics: { prometheusRule: { serverErrorRatio: { threshold: 5 } } } }, '/metrics/prometheusRule/serverErrorRatio/threshold'],
    ['the errorRatio key renamed in 0.3.0', { metrics: { prometheusRule: { errorRatio: { threshold: 0.1 } } } }, "additional properties 'errorRatio' not allowed"],
    ['resources without requests', { resources: { requests: null } }, '/resources'],
    ['an upstream.urls entry that is not http(s)', { upstream: { urls: ['tcp://kobold:5001'] } }, '/upstream/urls/0'],
    ['an upstream.urls entry holding a comma', { upstream: { urls: ['http://a:5001,http://b:5001'] } }, '/upstream/urls/0'],
    ['an upstream.urls entry with a fragment other than #slots=N', { upstream: { urls: ['http://a:5001#weight=2'] } }, '/upstream/urls/0'],
    ['an upstream.urls entry with #slots=0', { upstream: { urls: ['http://a:5001#slots=0'] } }, '/upstream/urls/0'],
    ['an upstream.urls entry with #slots above 1024', { upstream: { urls: ['http://a:5001#slots=1025'] } }, '/upstream/urls/0'],
    ['the same upstream twice in upstream.urls', { upstream: { urls: ['http://a:5001', 'http://a:5001'] } }, '/upstream/urls'],
    ['a misspelt upstream.headlessService key', { upstream: { headlessService: { nmae: 'koboldcpp' } } }, "additional properties 'nmae' not allowed"],
    ['a headless Service name that is not a DNS label', { upstream: { headlessService: { name: 'KoboldCPP.llm' } } }, '/upstream/headlessService/name'],
    ['a headless Service port above 65535', { upstream: { headlessService: { port: 70000 } } }, '/upstream/headlessService/port'],
    ['a headless Service scheme other than http(s)', { upstream: { headlessService: { scheme: 'grpc' } } }, '/upstream/headlessService/scheme'],
    ['an unknown upstream.discovery.mode', { upstream: { discovery: { mode: 'consul' } } }, '/upstream/discovery/mode'],
    ['a discovery interval below 500 ms', { upstream: { discovery: { intervalMs: 100 } } }, '/upstream/discovery/intervalMs'],
    ['a DNS server given by name', { upstream: { discovery: { dnsServers: ['kube-dns.kube-system'] } } }, '/upstream/discovery/dnsServers/0'],
    ['an unknown upstream.slots.backend', { upstream: { slots: { backend: 'memcached' } } }, '/upstream/slots/backend'],
    ['a slot lease below one second', { upstream: { slots: { leaseMs: 500 } } }, '/upstream/slots/leaseMs'],
    ['an unknown upstream.slots.failMode', { upstream: { slots: { failMode: 'open' } } }, '/upstream/slots/failMode'],
    ['a redis.keyPrefix with a space', { redis: { keyPrefix: 'ai ticket:' } }, '/redis/keyPrefix'],
    ['a redis.keyPrefix longer than 64 characters', { redis: { keyPrefix: 'x'.repeat(65) } }, '/redis/keyPrefix'],
    ['a misspelt redis key', { redis: { keyprefix: 'a:' } }, "additional properties 'keyprefix' not allowed"],
    ['a token budget of 0 on a token (remove the token instead)', { auth: { tokens: [{ name: 'ci', token: 'a-long-enough-token-value', budget: 0 }] } }, '/auth/tokens/0/budget'],
    ['a token budget that is not a whole number', { auth: { tokens: [{ name: 'ci', token: 'a-long-enough-token-value', budget: 1.5 }] } }, '/auth/tokens/0/budget'],
    ['a negative tokenBudget.default', { tokenBudget: { default: -1 } }, '/tokenBudget/default'],
    ['a tokenBudget.windowSeconds of 0', { tokenBudget: { windowSeconds: 0 } }, '/tokenBudget/windowSeconds'],
    ['a tokenBudget.windowSeconds above 31 days', { tokenBudget: { windowSeconds: 2678401 } }, '/tokenBudget/windowSeconds'],
    ['a tokenBudget.completionReserve of 0', { tokenBudget: { completionReserve: 0 } }, '/tokenBudget/completionReserve'],
    ['a misspelt tokenBudget key', { tokenBudget: { window: 3600 } }, "additional properties 'window' not allowed"],
  ])('should reject %s', (_name, values, message) => {
    const error = renderError(values);
    expect(error).toContain("values don't meet the specifications of the schema");
    expect(error).toContain(message);
  });

  it('should accept the defaults', () => {
    expect(renderError({})).toBeUndefined();
  });

  it('should accept upstream URLs with #slots=N, DNS servers with ports, and an empty key prefix', () => {
    expect(
      renderError({
        upstream: { urls: ['http://kobold-a:5001#slots=1', 'https://kobold-b.example.com/v1#slots=1024'], discovery: { mode: 'static', dnsServers: ['10.96.0.10', '10.96.0.11:53', 'fd00::10', '[fd00::11]:53'] } },
        redis: { keyPrefix: '' },
      }),
    ).toBeUndefined();
  });
});
