import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli-runner';

export const NGINX = '/usr/sbin/nginx';
export const PROXY_TEMPLATE = join(ROOT, 'ops/nginx/templates/default.conf.template');

/** The `${PROXY_*}` variables a template uses. */
export function templateVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{?(PROXY_[A-Z0-9_]+)\}?/g)].map((match) => match[1]))].sort();
}

/**
 * Renders the template as the nginx image does at start-up (20-envsubst-on-templates.sh with
 * NGINX_ENVSUBST_FILTER=^PROXY_): `${PROXY_X}` and `$PROXY_X` become the variable's value, nginx's own
 * `$variables` stay. A variable without a value is an error here (envsubst would leave it in place
 * and nginx would refuse the file).
 */
export function renderProxyTemplate(values: Record<string, string>): string {
  const text = readFileSync(PROXY_TEMPLATE, 'utf8');
  const missing = templateVariables(text).filter((name) => values[name] === undefined);
  if (missing.length > 0) throw new Error(`no value for ${missing.join(', ')}`);
  return text.replace(/\$\{?(PROXY_[A-Z0-9_]+)\}?/g, (_, name: string) => values[name]);
}

/**
 * Writes `dir/nginx.conf`: the shape of the nginx image's own main file (events, then http including
 * the rendered conf.d file), with the pid, logs and temp paths moved into `dir`, so it runs beside the
 * system's nginx without touching it.
 */
export function writeNginxMain(dir: string, rendered: string): string {
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  // Workers run as nobody: they must reach the temp directories (request bodies over 16 KiB), so
  // `dir` and every folder above it must be searchable by others.
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'default.conf'), rendered);
  const main = join(dir, 'nginx.conf');
  writeFileSync(
    main,
    `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  include ${dir}/default.conf;
}
`,
  );
  return main;
}

/** `nginx -t` on a main file. */
export function nginxTest(main: string, dir: string): { ok: boolean; output: string } {
  const check = spawnSync(NGINX, ['-t', '-c', main, '-p', dir], { encoding: 'utf8' });
  return { ok: check.status === 0, output: `${check.stdout}${check.stderr}` };
}

/** nginx in the foreground on a checked main file, until `stop`. */
export class NativeNginx {
  private constructor(private readonly child: ChildProcess) {}

  static start(main: string, dir: string): NativeNginx {
    const check = nginxTest(main, dir);
    if (!check.ok) throw new Error(`nginx -t failed: ${check.output}`);
    return new NativeNginx(spawn(NGINX, ['-c', main, '-p', dir], { stdio: 'ignore' }));
  }

  /** Re-reads the configuration and certificates (SIGHUP), as `nginx -s reload` does. */
  async reload(): Promise<void> {
    this.child.kill('SIGHUP');
    // New workers start asynchronously; give them a moment before relying on the new certificate.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    // SIGQUIT: graceful; SIGKILL if the workers are still busy after 3 s.
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    this.child.kill('SIGQUIT');
    await exited;
    clearTimeout(killer);
  }
}
