import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGcWindow } from './gc-pauses';

describe(startGcWindow.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'gc-pauses-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should sum only the pauses that began inside the window', async () => {
    const file = join(dir, 'gc.log');
    writeFileSync(file, `${Date.now() - 60_000} 50.000 mark-compact\n`);
    const before = Date.now();
    const stop = startGcWindow(file);
    const now = Date.now();
    writeFileSync(file, `${now} 2.500 scavenge\n${now + 1} 1.000 incremental\n`, { flag: 'a' });
    await new Promise((resolve) => setTimeout(resolve, 100));

    const pauses = stop();
    const outerWindowMs = Date.now() - before;

    expect(pauses.count).toBe(2);
    expect(pauses.longestMs).toBe(2.5);
    // 3.5 ms of pauses over the window: at least over the test's own (wider) clock, at most over the 100 ms
    // timer, which may fire a millisecond or two early on Date.now()'s clock.
    expect(pauses.sharePercent).toBeGreaterThanOrEqual((100 * 3.5) / outerWindowMs);
    expect(pauses.sharePercent).toBeLessThanOrEqual((100 * 3.5) / 95);
    expect(pauses.scavengeSharePercent).toBeCloseTo((pauses.sharePercent * 2.5) / 3.5, 10);
  });

  it('should report no pauses when the process logged none', () => {
    expect(startGcWindow(join(dir, 'missing.log'))()).toEqual({ sharePercent: 0, scavengeSharePercent: 0, longestMs: 0, count: 0 });
  });
});
