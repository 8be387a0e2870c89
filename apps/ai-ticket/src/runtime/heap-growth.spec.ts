import { setFlagsFromString } from 'node:v8';
import { HEAP_GROWING_PERCENT, limitHeapGrowth } from './heap-growth';

jest.mock('node:v8', () => ({ setFlagsFromString: jest.fn() }));

describe('limitHeapGrowth', () => {
  beforeEach(() => jest.mocked(setFlagsFromString).mockClear());

  it('should set V8 heap growing factor when the command line does not', () => {
    expect(limitHeapGrowth(['--max-semi-space-size=16'])).toBe(true);
    expect(setFlagsFromString).toHaveBeenCalledWith(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  });

  it('should leave a factor given on the command line alone', () => {
    expect(limitHeapGrowth(['--heap-growing-percent=100'])).toBe(false);
    expect(setFlagsFromString).not.toHaveBeenCalled();
  });
});
