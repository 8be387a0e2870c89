import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeUpstream } from '@ai-ticket/testing';
import { freePort } from '../support/free-port';
import { K8sSecretDir } from '../support/k8s-secret-dir';
import { https, type HttpsOptions } from './https-client';
import { NginxFront } from './nginx-front';
import { ReplicaSet } from './replica-set';
import { selfSignedCertificate, type Certificate } from './tls-certificate';

export const REPLICAS = 3;

/** Shared by every topology: the fake upstream, the certificate, nginx's port, a scratch folder. */
export class TopologyFixture {
  upstream!: FakeUpstream;
  certificate!: Certificate;
  dir!: string;
  frontPort!: number;
  private front: NginxFront | undefined;
  private replicas: ReplicaSet | undefined;
  private readonly secrets: K8sSecretDir[] = [];

  async setUp(): Promise<void> {
    this.upstream = await FakeUpstream.start();
    this.dir = mkdtempSync(join(tmpdir(), 'ai-ticket-topology-'));
    this.certificate = selfSignedCertificate(this.dir);
    this.frontPort = await freePort();
  }

  /** A token file shared by all replicas, laid out like a mounted Kubernetes Secret. */
  secret(content: string): K8sSecretDir {
    const secret = new K8sSecretDir(content);
    this.secrets.push(secret);
    return secret;
  }

  /** (Re)starts the replicas with `env` and nginx in front of them. */
  async start(env: Record<string, string>): Promise<ReplicaSet> {
    await this.stop();
    this.replicas = await ReplicaSet.start(REPLICAS, {
      LOG_LEVEL: 'warn',
      KOBOLDCPP_API_URL: this.upstream.url,
      UPSTREAM_CONCURRENCY: '16',
      UPSTREAM_QUEUE_SIZE: '1000',
      TRUST_PROXY_COUNT: '1',
      SHUTDOWN_GRACE_MS: '10000',
      ...env,
    });
    this.front = NginxFront.start(join(this.dir, `nginx-${Date.now()}`), this.frontPort, this.replicas.ports, this.certificate);
    await this.waitForFront();
    return this.replicas;
  }

  /**
   * A rolling restart of one replica the way Kubernetes does it: the pod leaves the endpoints (nginx
   * stops routing to it) as it gets SIGTERM, drains what it already has, exits, restarts, is ready, and
   * rejoins. Resolves with its exit code.
   */
  async rollReplica(replicas: ReplicaSet, i: number): Promise<number | null> {
    if (!this.front) throw new Error('no topology running');
    await this.front.setInRotation(replicas.ports[i], false);
    const code = await replicas.restart(i);
    await this.front.setInRotation(replicas.ports[i], true);
    return code;
  }

  /** A request through the TLS front only. */
  request(path: string, options: Omit<HttpsOptions, 'ca'> = {}) {
    return https(`https://127.0.0.1:${this.frontPort}${path}`, { ...options, ca: this.certificate.pem });
  }

  async stop(): Promise<void> {
    await this.front?.stop();
    if (this.replicas) {
      const codes = await this.replicas.stop();
      if (codes.some((code) => code !== 0)) throw new Error(`a replica exited with ${codes.join(', ')}`);
    }
    this.front = undefined;
    this.replicas = undefined;
  }

  /** Everything started is stopped, also after a failure. */
  async tearDown(): Promise<void> {
    this.replicas?.kill();
    await this.front?.stop();
    await this.upstream?.close();
    this.secrets.forEach((secret) => secret.remove());
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  private async waitForFront(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const ready = await this.request('/healthz').then(
        (res) => res.status === 200,
        () => false,
      );
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('nginx did not come up');
  }
}
