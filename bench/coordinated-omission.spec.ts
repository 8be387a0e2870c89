import { correctedForCoordinatedOmission, meanOf } from './coordinated-omission';
import { percentile } from './stats';

describe(correctedForCoordinatedOmission.name, () => {
  it('should leave samples no longer than the interval as they are', () => {
    expect(correctedForCoordinatedOmission([0.2, 0.5, 1], 1)).toEqual([0.2, 0.5, 1]);
  });

  it('should add the samples of the callers who arrived during a long answer', () => {
    expect(correctedForCoordinatedOmission([0.5, 4.5], 1)).toEqual([0.5, 4.5, 3.5, 2.5, 1.5]);
  });

  it('should turn one pause among thousands of fast answers into the p99 a steady stream of callers sees', () => {
    // 9,990 answers of 0.1 ms and ten 20 ms pauses: the pauses are 0.1 % of the samples, ~17 % of the time.
    const measured = [...Array.from({ length: 9_990 }, () => 0.1), ...Array.from({ length: 10 }, () => 20)];

    const corrected = correctedForCoordinatedOmission(measured, meanOf(measured));

    expect(percentile(measured, 99)).toBe(0.1);
    expect(percentile(corrected, 99)).toBeGreaterThan(15);
  });

  it('should refuse an interval that is not positive', () => {
    expect(() => correctedForCoordinatedOmission([1], 0)).toThrow('positive');
  });
});
