import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Certificate } from './tls-certificate';

export const NGINX = '/usr/sbin/nginx';

/**
 * nginx terminating TLS in front of the replicas, configured like the chart's ingress-nginx Ingress:
 * X-Forwarded-For appended (the replicas trust exactly one hop), buffering off with long read timeouts
 * for Server-Sent Events, and cookie affinity for the dashboard (open-source nginx has no sticky
 * module, so the affinity cookie is set here and hashed, as ingress-nginx does with `affinity: cookie`).
 * No upstream keep-alive: a connection refused by a stopping replica is retried on the next one.
 */
export function nginxConfig(dir: string, port: number, replicaPorts: number[], certificate: Certificate, down: ReadonlySet<number> = new Set()): string {
  const servers = replicaPorts.map((p) => `    server 127.0.0.1:${p} max_fails=0${down.has(p) ? ' down' : ''};`).join('\n');
  const proxy = (upstream: string) => `
      proxy_pass http://${upstream};
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Request-Id $request_id;
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 3;
      proxy_buffering off;
      proxy_read_timeout 3600s;`;
  return `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  map $cookie_ai_ticket_affinity $affinity { "" $request_id; default $cookie_ai_ticket_affinity; }
  map $cookie_ai_ticket_affinity $affinity_cookie { "" "ai_ticket_affinity=$request_id; Path=/; HttpOnly; Secure; SameSite=Lax"; default ""; }
  upstream ai_ticket {
${servers}
  }
  upstream ai_ticket_sticky {
    hash $affinity consistent;
${servers}
  }
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${certificate.certFile};
    ssl_certificate_key ${certificate.keyFile};
    location / {${proxy('ai_ticket')}
    }
    location ~ ^/(dashboard|api)/ {${proxy('ai_ticket_sticky')}
      add_header Set-Cookie $affinity_cookie;
    }
  }
}
`;
}

export class NginxFront {
  private readonly down = new Set<number>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly write: (down: ReadonlySet<number>) => void,
  ) {}

  /** Writes the config, checks it with `nginx -t`, and runs nginx in the foreground. */
  static start(dir: string, port: number, replicaPorts: number[], certificate: Certificate): NginxFront {
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    const conf = join(dir, 'nginx.conf');
    const write = (down: ReadonlySet<number>) => {
      writeFileSync(conf, nginxConfig(dir, port, replicaPorts, certificate, down));
      const check = spawnSync(NGINX, ['-t', '-c', conf, '-p', dir], { encoding: 'utf8' });
      if (check.status !== 0) throw new Error(`nginx -t failed: ${check.stderr}`);
    };
    write(new Set());
    return new NginxFront(spawn(NGINX, ['-c', conf, '-p', dir], { stdio: 'ignore' }), write);
  }

  /**
   * Takes a replica out of (or back into) rotation and reloads, as ingress-nginx does when a pod leaves
   * or joins the Service's endpoints. Old workers finish the requests they hold.
   */
  async setInRotation(replicaPort: number, inRotation: boolean): Promise<void> {
    if (inRotation) this.down.delete(replicaPort);
    else this.down.add(replicaPort);
    this.write(this.down);
    this.child.kill('SIGHUP');
    // A reload starts new workers asynchronously; give them a moment before relying on the new list.
    await new Promise((resolve) => setTimeout(resolve, 300));
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGQUIT');
    // Unref'd: once nginx has exited, the grace timer must not hold the test process open for its 3 s.
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
