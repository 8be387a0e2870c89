import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildAppConfig } from '@ai-ticket/config';
import { parse } from 'yaml';
import { parseTokenEntries } from '../src/auth/store/token-entry.parser';
import { CLI_JS, ROOT } from './support/cli-runner';
import { PROXY_TEMPLATE, templateVariables } from './support/nginx-template';

interface ComposeService {
  build?: string;
  image?: string;
  ports?: string[];
  expose?: string[];
  read_only?: boolean;
  tmpfs?: string[];
  volumes?: string[];
  secrets?: Array<{ source: string; target: string }>;
  environment: Record<string, string>;
  healthcheck: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
  secrets: Record<string, { file: string }>;
}

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const composeText = read('docker-compose.yml');
const compose = parse(composeText) as ComposeFile;
const service = compose.services['ai-ticket'];
const nginx = compose.services.nginx;

/** Every variable the service validates (libs/config), read from the class that declares them. */
const SERVICE_VARIABLES = [...read('libs/config/src/env.validation.ts').matchAll(/^ {2}([A-Z][A-Z0-9_]+)[?!]?:/gm)].map((match) => match[1]).sort();

/** `${NAME:-default}` interpolations: name → default ('' for `${NAME:-}`, undefined for `${NAME}`). */
const INTERPOLATED = new Map([...composeText.matchAll(/\$\{([A-Z][A-Z0-9_]*)(?::-([^}]*))?\}/g)].map((match) => [match[1], match[2]]));

/** `.env.example`: assignments, and the variables only named in comments (fixed by the Compose file). */
const envExample = read('.env.example');
const ASSIGNED = new Map([...envExample.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((match) => [match[1], match[2]]));
const COMMENTED = new Set([...envExample.matchAll(/^# ([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));

const gitIgnored = (path: string) => spawnSync('git', ['check-ignore', '-q', path], { cwd: ROOT }).status === 0;

const FIXED = {
  HOST: '0.0.0.0',
  PORT: '5000',
  TRUST_PROXY_COUNT: '1',
  AI_TICKET_AUTH_TOKEN_FILE: '/run/secrets/api-tokens',
  RATE_LIMIT_SQLITE_PATH: '/app/data/rate-limit.sqlite',
  AI_TICKET_METRICS_DB: '/app/data/metrics.sqlite',
};

describe('docker-compose.yml (single node behind an nginx TLS proxy)', () => {
  it('should define the service and the TLS proxy, and nothing else', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['ai-ticket', 'nginx']);
    expect(SERVICE_VARIABLES.length).toBeGreaterThan(30);
  });

  it("should build the service from this repository, read-only, unpublished, with its data on the named volume", () => {
    expect(service.build).toBe('.');
    expect(existsSync(join(ROOT, 'Dockerfile'))).toBe(true);
    expect(service.image).toBe('${AI_TICKET_IMAGE:-ai-ticket:latest}');
    expect(service.ports).toBeUndefined();
    expect(service.expose).toEqual(['5000']);
    expect(service.read_only).toBe(true);
    expect(service.tmpfs).toEqual(['/tmp']);
    expect(service.volumes).toEqual(['ai-ticket-data:/app/data']);
    expect(Object.keys(compose.volumes)).toEqual(['ai-ticket-data']);
    // Both SQLite files on that volume.
    expect([FIXED.RATE_LIMIT_SQLITE_PATH, FIXED.AI_TICKET_METRICS_DB].every((path) => path.startsWith('/app/data/'))).toBe(true);
  });

  it('should have the CLI where the runbook runs it inside the container', () => {
    // docs/operations.md runs `node dist/apps/ai-ticket/src/cli/main.js …` in the service's container.
    expect(existsSync(CLI_JS)).toBe(true);
    expect(read('Dockerfile')).toMatch(/^COPY --from=\S+ \/app\/dist\/apps dist\/apps$/m);
  });

  it('should mount the API tokens as a Docker secret that is the service’s token file, and never commit it', () => {
    expect(compose.secrets).toEqual({ 'api-tokens': { file: './ops/secrets/api-tokens' } });
    expect(service.secrets).toEqual([{ source: 'api-tokens', target: 'api-tokens' }]);
    expect(service.environment.AI_TICKET_AUTH_TOKEN_FILE).toBe('/run/secrets/api-tokens');
    expect(gitIgnored('ops/secrets/api-tokens')).toBe(true);
    expect(gitIgnored('ops/secrets/api-tokens.example')).toBe(false);
    const example = parseTokenEntries(read('ops/secrets/api-tokens.example').split('\n'));
    expect(example).toEqual({ entries: [], invalidLines: [], weakTokens: 0 });
  });

  it('should commit no private key, certificate or token file under ops/', () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
    const tracked = files(join(ROOT, 'ops')).filter((file) => !gitIgnored(file));

    for (const file of tracked) expect([file, readFileSync(file, 'utf8')]).not.toEqual([file, expect.stringMatching(/BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)|=sha256:[0-9a-f]{64}/)]);
    for (const file of ['ops/certs/tls.crt', 'ops/certs/tls.key', 'ops/secrets/api-tokens', '.env']) expect(gitIgnored(file)).toBe(true);
  });

  it('should set every service variable: fixed by this layout, or taken from .env', () => {
    expect(Object.keys(service.environment).sort()).toEqual(SERVICE_VARIABLES);
    expect(service.environment).toMatchObject(FIXED);
    for (const name of SERVICE_VARIABLES.filter((variable) => !(variable in FIXED))) {
      expect([name, service.environment[name]]).toEqual([name, expect.stringMatching(new RegExp(`^\\$\\{${name}:-[^}]*\\}$`))]);
    }
  });

  it('should list every variable in .env.example, and no variable Compose does not use', () => {
    for (const name of SERVICE_VARIABLES) expect([name, ASSIGNED.has(name) || COMMENTED.has(name)]).toEqual([name, true]);
    for (const name of Object.keys(FIXED)) expect([name, COMMENTED.has(name), ASSIGNED.has(name)]).toEqual([name, true, false]);
    expect([...INTERPOLATED.keys()].sort()).toEqual([...ASSIGNED.keys()].sort());
    // Where .env.example gives a value, it is the Compose default: copying it changes nothing.
    for (const [name, value] of ASSIGNED) expect([name, value]).toEqual([name, INTERPOLATED.get(name)]);
    expect(envExample.split('\n').filter((line) => line !== '' && !line.startsWith('#') && !/^[A-Z][A-Z0-9_]*=/.test(line))).toEqual([]);
  });

  it('should start the service with a valid configuration: SQLite stores, tokens required, one trusted proxy hop', () => {
    const env = Object.fromEntries(Object.entries(service.environment).map(([name, value]) => [name, value.replace(/^\$\{[A-Z0-9_]+:-([^}]*)\}$/, '$1')]));

    const config = buildAppConfig(env);

    expect(config.rateLimit.backend).toBe('sqlite');
    expect(config.history.backend).toBe('sqlite');
    expect(config.auth.required).toBe(true);
    expect(config.auth.metricsRequireAuth).toBe(true);
    expect(config.server.trustProxyCount).toBe(1);
    expect(config.sqlite.journalMode).toBe('wal');
    expect(config.upstream.targets).toEqual([{ url: 'http://host.docker.internal:5001', slots: 1 }]);
  });

  it('should health-check both containers on /healthz and start nginx once the service is healthy', () => {
    expect(service.healthcheck.test.join(' ')).toContain('http://127.0.0.1:5000/healthz');
    expect(nginx.healthcheck.test.join(' ')).toContain('https://127.0.0.1/healthz');
    expect(nginx.depends_on).toEqual({ 'ai-ticket': { condition: 'service_healthy' } });
    // Longer than the service's drain (SHUTDOWN_GRACE_MS, 25 s by default), so a stop never cuts a stream.
    expect(Number(service.stop_grace_period?.replace(/s$/, '')) * 1000).toBeGreaterThan(buildAppConfig({}).server.shutdownGraceMs);
  });

  it('should give nginx the template, the certificates and exactly the variables the template uses', () => {
    expect(nginx.ports).toEqual(['${AI_TICKET_HTTPS_PORT:-443}:443']);
    expect(nginx.volumes).toEqual(['./ops/nginx/templates:/etc/nginx/templates:ro', './ops/certs:/etc/nginx/certs:ro']);
    for (const volume of nginx.volumes ?? []) expect(existsSync(join(ROOT, volume.split(':')[0]))).toBe(true);
    expect(existsSync(PROXY_TEMPLATE)).toBe(true);
    expect(existsSync(join(ROOT, 'ops/certs/README.md'))).toBe(true);
    const { NGINX_ENVSUBST_FILTER, ...proxyVariables } = nginx.environment;
    expect(NGINX_ENVSUBST_FILTER).toBe('^PROXY_');
    expect(Object.keys(proxyVariables).sort()).toEqual(templateVariables(readFileSync(PROXY_TEMPLATE, 'utf8')));
    expect(proxyVariables).toMatchObject({
      PROXY_UPSTREAM: `ai-ticket:${FIXED.PORT}`,
      PROXY_HTTPS_LISTEN: '443',
      PROXY_TLS_CERTIFICATE: '/etc/nginx/certs/tls.crt',
      PROXY_TLS_CERTIFICATE_KEY: '/etc/nginx/certs/tls.key',
    });
  });
});
