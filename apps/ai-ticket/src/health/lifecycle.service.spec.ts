import { LifecycleService } from './lifecycle.service';

describe(LifecycleService.name, () => {
  let sut: LifecycleService;

  beforeEach(() => {
    sut = new LifecycleService();
  });

  describe('phase', () => {
    it('should start, become ready on bootstrap, and stay draining once draining', () => {
      expect(sut.phase).toBe('starting');
      sut.onApplicationBootstrap();
      expect(sut.phase).toBe('ready');
      sut.beginDrain();
      sut.onApplicationBootstrap();
      expect(sut.phase).toBe('draining');
    });
  });

  describe('beginWork', () => {
    it('should count work in flight, and ignore a second release', () => {
      const done = sut.beginWork();
      sut.beginWork();
      done();
      done();

      expect(sut.inFlight).toBe(1);
    });
  });

  describe('waitForIdle', () => {
    it('should resolve true at once when idle', async () => {
      await expect(sut.waitForIdle(10)).resolves.toBe(true);
    });

    it('should resolve true when the last work finishes', async () => {
      const done = sut.beginWork();
      const idle = sut.waitForIdle(1000);
      done();

      await expect(idle).resolves.toBe(true);
    });

    it('should resolve false when the time runs out first', async () => {
      sut.beginWork();

      await expect(sut.waitForIdle(20)).resolves.toBe(false);
    });
  });

  describe('failingReadinessChecks', () => {
    it('should name the checks that reject or are too slow, and only those', async () => {
      sut.addReadinessCheck('ok', () => Promise.resolve());
      sut.addReadinessCheck('down', () => Promise.reject(new Error('connection refused')));
      sut.addReadinessCheck('slow', () => new Promise((resolve) => setTimeout(resolve, 200)));

      await expect(sut.failingReadinessChecks(50)).resolves.toEqual(['down', 'slow']);
    });

    it('should report nothing without checks', async () => {
      await expect(sut.failingReadinessChecks()).resolves.toEqual([]);
    });
  });
});
