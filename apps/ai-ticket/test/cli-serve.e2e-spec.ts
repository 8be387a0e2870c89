import { FakeUpstream } from '@ai-ticket/testing';
import { spawn } from 'node:child_process';
import { BIN_SHIM, ROOT, runCli } from './support/cli-runner';
import { freePort } from './support/free-port';
import { waitUntilReady } from './support/service-process';

describe('ai-ticket serve', () => {
  it('should run the service like npm start: ready, answering, draining on SIGTERM and exiting 0', async () => {
    const upstream = await FakeUpstream.start();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(BIN_SHIM, ['serve'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', KOBOLDCPP_API_URL: upstream.url, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitUntilReady(`${url}/readyz`);

      const health = await runCli(['health'], { env: { AI_TICKET_URL: url } });
      const prompt = await runCli(['prompt', 'served'], { env: { AI_TICKET_URL: url } });
      child.kill('SIGTERM');
      const code = await exited;

      expect(health.code).toBe(0);
      expect(prompt.stdout).toBe('echo: served\n');
      expect(code).toBe(0);
      expect(stdout).toContain('"msg":"AI Ticket is listening"');
      expect(stdout).toContain('"msg":"shutdown complete"');
    } finally {
      child.kill('SIGKILL');
      await exited;
      await upstream.close();
    }
  }, 30_000);

  it('should exit 1 naming the bad variable, not its value, when the configuration is invalid', async () => {
    const result = await runCli(['serve'], { env: { PORT: 'not-a-port-secret', HOST: '127.0.0.1' }, viaShim: true });

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/AI Ticket failed to start: .*PORT/s);
    expect(result.stderr).not.toContain('not-a-port-secret');
  });

  it('should print its help without starting anything', async () => {
    const result = await runCli(['serve', '--help'], { env: { PORT: 'not-a-port' } });

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: ai-ticket serve/);
  });
});
