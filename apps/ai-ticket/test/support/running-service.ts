import { freePort } from './free-port';
import { startService, waitUntilReady, type ServiceProcess } from './service-process';

/** A real service process (dist/main.js) on a free loopback port, for the CLI to talk to. */
export class RunningService {
  private constructor(
    readonly url: string,
    readonly process: ServiceProcess,
  ) {}

  /** Starts the service with `env` (plus a port and quiet logs) and waits until `readyPath` answers 200. */
  static async start(env: Record<string, string>, readyPath = '/readyz'): Promise<RunningService> {
    const port = await freePort();
    const service = startService({ HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env });
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitUntilReady(`${url}${readyPath}`);
    } catch (error) {
      service.child.kill('SIGKILL');
      throw new Error(`${String(error)}\n${service.stderr()}${service.stdout()}`, { cause: error });
    }
    return new RunningService(url, service);
  }

  /** Drains and stops it (SIGTERM), or kills it (SIGKILL) as a crash would; resolves with the exit code. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<number | null> {
    if (this.process.child.exitCode === null && this.process.child.signalCode === null) this.process.child.kill(signal);
    return this.process.exited;
  }
}
