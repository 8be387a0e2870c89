/**
 * Where Tab should go inside a modal: wrap from the last focusable element to the first (and back with
 * Shift+Tab), and pull focus back in if it escaped. Returns null when the browser's own move stays inside.
 */
export function trappedFocusIndex(currentIndex: number, count: number, backwards: boolean): number | null {
  if (count === 0) return null;
  if (currentIndex < 0) return backwards ? count - 1 : 0;
  if (backwards && currentIndex === 0) return count - 1;
  if (!backwards && currentIndex === count - 1) return 0;
  return null;
}
