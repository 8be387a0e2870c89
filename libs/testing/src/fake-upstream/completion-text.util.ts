/** The completion the fake gives when no text is scripted; deterministic so tests can assert on it. */
export function defaultCompletionFor(prompt: string): string {
  return `echo: ${prompt}`;
}

// A word plus the whitespace before it, or trailing whitespace alone, so the tokens re-join exactly.
const WORD_TOKEN = /\s*\S+|\s+/g;

/** Splits text into word tokens: `"echo: hi there"` → `["echo:", " hi", " there"]`. */
export function splitWordTokens(text: string): string[] {
  return text.match(WORD_TOKEN) ?? [];
}

/** A cheap stand-in for a tokenizer, good enough for the `usage` numbers. */
export function countWordTokens(text: string): number {
  return splitWordTokens(text).length;
}
