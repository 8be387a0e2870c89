import { GenerationTracker } from './generation.tracker';

describe(GenerationTracker.name, () => {
  let sut: GenerationTracker;

  describe('with one slot', () => {
    beforeEach(() => {
      sut = new GenerationTracker(1);
    });

    it('should refuse a second generation and count the refusal', () => {
      expect(sut.tryAcquire()).toBe(true);
      expect(sut.tryAcquire()).toBe(false);
      expect(sut).toMatchObject({ generationsInProgress: 1, busyRefusals: 1, maxConcurrentGenerations: 1 });
    });

    it('should give the slot back on release and count only ok answers as served', () => {
      sut.tryAcquire();
      sut.release(false);
      sut.tryAcquire();
      sut.release(true);
      expect(sut).toMatchObject({ generationsInProgress: 0, servedGenerations: 1, busyRefusals: 0 });
      expect(sut.tryAcquire()).toBe(true);
    });
  });

  describe('without a limit', () => {
    it('should only count, keeping the high-water mark', () => {
      sut = new GenerationTracker(undefined);
      for (let i = 0; i < 5; i += 1) expect(sut.tryAcquire()).toBe(true);
      sut.release(true);
      expect(sut).toMatchObject({ generationsInProgress: 4, maxConcurrentGenerations: 5, busyRefusals: 0, servedGenerations: 1 });
    });
  });

  describe('reset', () => {
    it('should clear the counters but keep the generations in progress', () => {
      sut = new GenerationTracker(2);
      sut.tryAcquire();
      sut.tryAcquire();
      sut.tryAcquire();
      sut.release(true);
      sut.reset();
      expect(sut).toMatchObject({ generationsInProgress: 1, maxConcurrentGenerations: 1, busyRefusals: 0, servedGenerations: 0 });
    });
  });

  it.each([0, -1, 1.5, Number.NaN])('should reject %p slots', (slots) => {
    expect(() => new GenerationTracker(slots)).toThrow(RangeError);
  });
});
