import { trappedFocusIndex } from './focus-trap';

describe(trappedFocusIndex.name, () => {
  it('should wrap from the last element to the first on Tab', () => {
    expect(trappedFocusIndex(2, 3, false)).toBe(0);
  });

  it('should wrap from the first element to the last on Shift+Tab', () => {
    expect(trappedFocusIndex(0, 3, true)).toBe(2);
  });

  it('should let the browser move focus between inner elements', () => {
    expect(trappedFocusIndex(1, 3, false)).toBeNull();
    expect(trappedFocusIndex(1, 3, true)).toBeNull();
  });

  it('should pull focus back in when it is outside the dialog', () => {
    expect(trappedFocusIndex(-1, 3, false)).toBe(0);
    expect(trappedFocusIndex(-1, 3, true)).toBe(2);
  });

  it('should do nothing without focusable elements', () => {
    expect(trappedFocusIndex(-1, 0, false)).toBeNull();
  });
});
