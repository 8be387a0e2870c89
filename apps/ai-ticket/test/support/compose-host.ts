import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FakeUpstream } from '@ai-ticket/testing';
import { parse } from 'yaml';
import { CLI_JS, ROOT } from './cli-runner';
import { freePort } from './free-port';
import { NativeNginx, renderProxyTemplate, writeNginxMain } from './nginx-template';
import { startService, waitUntilReady, type ServiceProcess } from './service-process';

export interface StepResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const IN_IMAGE_CLI = 'node dist/apps/ai-ticket/src/cli/main.js';
/** What a checkout holds that the runbook's commands touch (never the git-ignored real secrets). */
const CHECKOUT_FILES = ['.env.example', 'docker-compose.yml', 'ops/certs/self-signed.sh', 'ops/certs/README.md', 'ops/secrets/api-tokens.example', 'ops/nginx/templates/default.conf.template', 'ops/backups/.gitignore'];

/**
 * A stand-in for one Compose host, to run the runbook's commands as written. The checkout is a temp
 * folder; the `ai-ticket` container is the real service process with the environment
 * docker-compose.yml gives it (volume and secret paths mapped into the folder, the upstream a fake);
 * the `nginx` container is a real nginx on the rendered template. `docker compose` and `kubectl exec`
 * commands become the matching actions; `kubectl`/`helm` commands that need a cluster run client-side
 * (`--dry-run=client`, `helm template`); everything else runs in bash in the checkout, with
 * `https://localhost` meaning the test's nginx port.
 */
export class ComposeHost {
  readonly dir = mkdtempSync(join(tmpdir(), 'ai-ticket-runbook-'));
  /** Shell variables the runbook assigned (`BACKUP=…`), passed to later commands. */
  readonly variables: Record<string, string> = {};
  /** What the last `token create` printed. */
  lastToken: { token: string; line: string } | undefined;
  /** Output of client-side `kubectl` runs whose result would have been applied to a cluster. */
  readonly applied: string[] = [];
  service: ServiceProcess | undefined;
  private nginx: NativeNginx | undefined;
  private servicePort = 0;
  private nginxPort = 0;

  constructor(
    private readonly upstream: FakeUpstream,
    /** Folder with `kubectl` and `helm`, when they could be had. */
    private readonly k8sTools: string | undefined,
  ) {
    chmodSync(this.dir, 0o755); // nginx's workers (nobody) reach their temp folders below it
    for (const file of CHECKOUT_FILES) {
      mkdirSync(dirname(join(this.dir, file)), { recursive: true });
      copyFileSync(join(ROOT, file), join(this.dir, file));
    }
    symlinkSync(join(ROOT, 'charts'), join(this.dir, 'charts'));
    mkdirSync(join(this.dir, 'volume'));
  }

  get url(): string {
    return `https://localhost:${this.nginxPort}`;
  }

  get tokenFile(): string {
    return join(this.dir, 'ops/secrets/api-tokens');
  }

  /** Runs one runbook command; throws for a `docker`, `kubectl` or `helm` command it has no stand-in for. */
  async run(command: string): Promise<StepResult> {
    this.servicePort ||= await freePort();
    const text = command.replace(/<token-file line>/g, this.lastToken?.line ?? '<no token yet>').replace(/<token>/g, this.lastToken?.token ?? '<no token yet>');
    const assignment = /^([A-Z_][A-Z0-9_]*)=(.+)$/.exec(text);
    if (assignment) {
      const result = await this.bash(`${assignment[1]}=${assignment[2]}; printf %s "$${assignment[1]}"`, {});
      this.variables[assignment[1]] = result.stdout;
      return result;
    }
    const container = /^(?:docker compose (exec -T|run --rm --no-deps((?: -v \S+)*)) ai-ticket|kubectl exec deploy\/ai-ticket --) (.+)$/.exec(text);
    if (container) return this.inContainer(container[3], container[1] === undefined || container[1] === 'exec -T', container[2] ?? '');
    if (text === 'docker compose build') return ok('');
    if (/^docker compose up -d --wait$/.test(text)) return this.up();
    if (text === 'docker compose stop ai-ticket') return this.stopService();
    if (text === 'docker compose start ai-ticket') return this.startService();
    if (text === 'docker compose logs --since 15m ai-ticket') return ok(this.service?.stdout() ?? '');
    if (text === 'docker compose exec nginx nginx -s reload') return this.reloadNginx();
    const copy = /^docker compose cp (\S+) (\S+)$/.exec(text);
    if (copy) return this.bash(`mkdir -p "$(dirname ${this.onHost(copy[2])})" && cp -r ${this.onHost(copy[1])} ${this.onHost(copy[2])}`, {});
    const secret = /^(kubectl create secret generic .+ --dry-run=client -o yaml) \| kubectl apply -f -$/.exec(text);
    if (secret) return this.clientSide(secret[1], true);
    const helm = /^helm upgrade --install (.+)$/.exec(text);
    if (helm) return this.clientSide(`helm template ${helm[1]}`, false);
    if (/^(docker|kubectl|helm) /.test(text)) throw new Error(`no stand-in for: ${command}`);
    return this.bash(text.replace(/https:\/\/localhost(?=[/\s'"]|$)/g, this.url), {});
  }

  /** The `ai-ticket` container's environment: docker-compose.yml's, filled from the checkout's .env. */
  containerEnv(): Record<string, string> {
    const compose = parse(readFileSync(join(this.dir, 'docker-compose.yml'), 'utf8')) as { services: Record<string, { environment: Record<string, string> }> };
    const dotenvPath = join(this.dir, '.env');
    const dotenv = existsSync(dotenvPath) ? Object.fromEntries([...readFileSync(dotenvPath, 'utf8').matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1], m[2]])) : {};
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(compose.services['ai-ticket'].environment)) {
      env[name] = this.onHost(String(value).replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_, key: string, fallback?: string) => (dotenv[key] ? dotenv[key] : (fallback ?? ''))));
    }
    // host.docker.internal is the fake upstream; 127.0.0.1:5000 is a free port; token changes are picked up at once.
    return { ...env, HOST: '127.0.0.1', PORT: String(this.servicePort), KOBOLDCPP_API_URL: this.upstream.url, AI_TICKET_AUTH_TOKEN_RELOAD_INTERVAL: '1' };
  }

  async close(): Promise<void> {
    await this.nginx?.stop();
    if (this.service) await this.stopService();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Paths inside the containers, as the host sees them. */
  private onHost(text: string): string {
    return text
      .replace(/ai-ticket:\/app\/data/g, join(this.dir, 'volume'))
      .replace(/\/app\/data/g, join(this.dir, 'volume'))
      .replace(/\/run\/secrets\/api-tokens/g, this.tokenFile);
  }

  private async inContainer(command: string, needsRunning: boolean, mounts: string): Promise<StepResult> {
    if (needsRunning && !this.service) throw new Error(`the container is not running for: ${command}`);
    let mapped = this.onHost(command);
    for (const [, source, target] of mounts.matchAll(/-v "?([^":]+):([^":]+)(?::ro)?"?/g)) {
      mapped = mapped.replace(new RegExp(`(^|\\s)${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=/|\\s|$)`, 'g'), `$1${source.replace('$PWD', this.dir)}`);
    }
    if (!mapped.startsWith(IN_IMAGE_CLI)) return this.bash(mapped, this.containerEnv());
    const result = await this.bash(`"${process.execPath}" "${CLI_JS}"${mapped.slice(IN_IMAGE_CLI.length)}`, { ...this.containerEnv(), AI_TICKET_URL: `http://127.0.0.1:${this.servicePort}` });
    const created = /^Token for .+\n {2}(\S+)\nLine for the token file:\n {2}(\S+)\n$/.exec(result.stdout);
    if (created) this.lastToken = { token: created[1], line: created[2] };
    return result;
  }

  private async up(): Promise<StepResult> {
    if (this.service) await this.stopService(); // `up` recreates the container (a new image, or new settings)
    await this.startService();
    if (!this.nginx) {
      this.nginxPort = await freePort();
      const conf = join(this.dir, 'nginx');
      const compose = parse(readFileSync(join(this.dir, 'docker-compose.yml'), 'utf8')) as { services: { nginx: { environment: Record<string, string> } } };
      const values: Record<string, string> = { ...compose.services.nginx.environment, PROXY_UPSTREAM: `127.0.0.1:${this.servicePort}`, PROXY_HTTPS_LISTEN: `127.0.0.1:${this.nginxPort}`, PROXY_ACCESS_LOG: join(conf, 'access.log') };
      const certs = (path: string) => path.replace('/etc/nginx/certs', join(this.dir, 'ops/certs'));
      const main = writeNginxMain(conf, renderProxyTemplate({ ...values, PROXY_TLS_CERTIFICATE: certs(values.PROXY_TLS_CERTIFICATE), PROXY_TLS_CERTIFICATE_KEY: certs(values.PROXY_TLS_CERTIFICATE_KEY) }));
      this.nginx = NativeNginx.start(main, conf);
    }
    return ok('');
  }

  private async startService(): Promise<StepResult> {
    this.service = startService(this.containerEnv());
    await waitUntilReady(`http://127.0.0.1:${this.servicePort}/readyz`).catch((error: unknown) => {
      throw new Error(`${String(error)}: ${this.service?.stderr()}`, { cause: error });
    });
    return ok('');
  }

  private async stopService(): Promise<StepResult> {
    const service = this.service;
    this.service = undefined;
    service?.child.kill('SIGTERM');
    const code = await service?.exited;
    return { code: code ?? 0, stdout: '', stderr: service?.stderr() ?? '' };
  }

  private async reloadNginx(): Promise<StepResult> {
    if (!this.nginx) throw new Error('nginx is not running');
    await this.nginx.reload();
    return ok('');
  }

  private async clientSide(command: string, isApplied: boolean): Promise<StepResult> {
    if (!this.k8sTools) return ok('(skipped: no kubectl/helm)');
    const result = await this.bash(command, { PATH: `${this.k8sTools}:${process.env.PATH}`, HOME: this.dir });
    if (isApplied) this.applied.push(result.stdout);
    return result;
  }

  private bash(script: string, env: Record<string, string>): Promise<StepResult> {
    const child = spawn('bash', ['-c', script], { cwd: this.dir, env: { PATH: process.env.PATH ?? '', HOME: this.dir, ...this.variables, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }
}

const ok = (stdout: string): StepResult => ({ code: 0, stdout, stderr: '' });
