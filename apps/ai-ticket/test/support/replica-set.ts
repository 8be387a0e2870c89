import { freePort } from './free-port';
import { startService, waitUntilReady, type ServiceProcess } from './service-process';

/** Real service processes (`node main.js`) started with one shared environment. */
export class ReplicaSet {
  private constructor(
    readonly replicas: ServiceProcess[],
    readonly urls: string[],
  ) {}

  static async start(count: number, env: Record<string, string>): Promise<ReplicaSet> {
    const replicas: ServiceProcess[] = [];
    const urls: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const port = await freePort();
      urls.push(`http://127.0.0.1:${port}`);
      replicas.push(startService({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env }));
    }
    const set = new ReplicaSet(replicas, urls);
    try {
      await Promise.all(urls.map((url) => waitUntilReady(`${url}/readyz`)));
    } catch (error) {
      await set.stop();
      throw new Error(`${String(error)}\n${replicas.map((replica) => replica.stderr()).join('\n')}`, { cause: error });
    }
    return set;
  }

  /** POSTs `count` events at once, spread round-robin over the replicas; resolves with their statuses. */
  burst(count: number, first = 0): Promise<number[]> {
    return Promise.all(Array.from({ length: count }, (_, i) => this.post(i % this.urls.length, `event ${first + i}`).then((res) => res.status)));
  }

  post(replica: number, content: string): Promise<Response> {
    return fetch(`${this.urls[replica]}/event`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content }) });
  }

  async stop(): Promise<void> {
    for (const replica of this.replicas) replica.child.kill('SIGKILL');
    await Promise.all(this.replicas.map((replica) => replica.exited));
  }
}
