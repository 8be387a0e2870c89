import { defaultCompletionFor } from '../libs/testing/src/fake-upstream/completion-text.util';
import { PROMPT, type Target } from './targets';

/**
 * One request whose answer is checked in full before any load: the load runs only check status
 * codes, so this is what proves they measure real completions and not fast failures. Resolves with
 * the answer's headers (the rate-limit headers show whether the limiter ran).
 */
export async function probe(target: Target): Promise<Headers> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { ...target.headers, 'content-type': 'application/json' },
    body: target.body(PROMPT, false),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${target.name}: probe got HTTP ${response.status}: ${text.slice(0, 500)}`);
  const completion = target.completionOf(JSON.parse(text));
  const expected = defaultCompletionFor(PROMPT);
  if (completion !== expected) throw new Error(`${target.name}: probe expected completion ${JSON.stringify(expected)}, got ${text.slice(0, 500)}`);
  return response.headers;
}
