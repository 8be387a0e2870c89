import { spawnSync } from 'node:child_process';

/** The Redis the tests use: `REDIS_URL`, or the local default. */
export function redisUrlForTests(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/**
 * Whether a Redis answers PING at `url` within a second. Synchronous, so a suite can choose
 * `describe` or `describe.skip` while Jest collects tests (it cannot skip from an async hook).
 */
export function redisAvailableSync(url = redisUrlForTests()): boolean {
  const check = `
    const { Socket } = require('node:net');
    const { hostname, port } = new URL(${JSON.stringify(url)});
    const s = new Socket();
    const done = (ok) => { s.destroy(); process.exit(ok ? 0 : 1); };
    s.setTimeout(1000, () => done(false));
    s.once('error', () => done(false));
    s.connect(Number(port || 6379), hostname, () => s.write('PING\\r\\n'));
    s.once('data', (d) => done(d.toString().startsWith('+PONG')));`;
  return spawnSync(process.execPath, ['-e', check], { timeout: 3000 }).status === 0;
}

/**
 * `describe` when a Redis answers at `redisUrlForTests()`, otherwise `describe.skip` with the reason
 * printed, so a machine without one still runs everything else (CI machines run one on 127.0.0.1:6379).
 */
export function describeWithRedis(name: string, suite: () => void): void {
  const url = redisUrlForTests();
  if (redisAvailableSync(url)) return describe(name, suite);
  console.warn(`Skipping "${name}": no Redis answers at ${url} (set REDIS_URL to use another).`);
  // Skipped because no Redis answers here (the reason is printed above); CI machines run one, so it runs there.
  describe.skip(name, suite);
}
