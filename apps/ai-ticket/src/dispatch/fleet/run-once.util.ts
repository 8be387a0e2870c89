/** `action` behind a guard: the first call runs it, later calls do nothing (releasing twice is harmless). */
export function runOnce(action: () => void): () => void {
  let pending = true;
  return () => {
    if (!pending) return;
    pending = false;
    action();
  };
}
