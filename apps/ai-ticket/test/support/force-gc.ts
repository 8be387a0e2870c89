import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A real full garbage collection, without starting Node with `--expose-gc`: the flag is set at run
 * time and a fresh context picks up the `gc` it exposes. Memory assertions mean nothing without it.
 */
export function forceGc(): void {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
}
