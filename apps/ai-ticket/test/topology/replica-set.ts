import { freePort } from '../support/free-port';
import { startService, waitUntilReady, type ServiceProcess } from '../support/service-process';

/** Several real service processes (`dist/main.js`) on distinct loopback ports, sharing whatever `env` points at. */
export class ReplicaSet {
  private readonly processes: ServiceProcess[] = [];

  private constructor(
    readonly ports: number[],
    private readonly env: Record<string, string>,
  ) {}

  static async start(count: number, env: Record<string, string>): Promise<ReplicaSet> {
    const ports: number[] = [];
    while (ports.length < count) {
      const port = await freePort();
      if (!ports.includes(port)) ports.push(port);
    }
    const set = new ReplicaSet(ports, env);
    await Promise.all(ports.map((_, i) => set.launch(i)));
    return set;
  }

  url(i: number): string {
    return `http://127.0.0.1:${this.ports[i]}`;
  }

  /** SIGTERM, wait for the drain and the exit, start again on the same port; resolves with the exit code. */
  async restart(i: number): Promise<number | null> {
    const old = this.processes[i];
    old.child.kill('SIGTERM');
    const code = await old.exited;
    await this.launch(i);
    return code;
  }

  async stop(): Promise<Array<number | null>> {
    for (const service of this.processes) service.child.kill('SIGTERM');
    return Promise.all(this.processes.map((service) => service.exited));
  }

  /** Last resort (afterAll on failure): nothing may outlive the test. */
  kill(): void {
    for (const service of this.processes) if (service.child.exitCode === null) service.child.kill('SIGKILL');
  }

  private async launch(i: number): Promise<void> {
    const service = startService({ ...this.env, PORT: String(this.ports[i]), HOST: '127.0.0.1' });
    this.processes[i] = service;
    await waitUntilReady(`${this.url(i)}/readyz`).catch((error: Error) => {
      throw new Error(`replica ${i} did not become ready: ${error.message}\n${service.stderr()}${service.stdout().slice(-2000)}`);
    });
  }
}
