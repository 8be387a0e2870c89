import type { UpstreamHttpClient } from '../../upstream/upstream-http.client';

/** KoboldCPP's tokenizer route: `{"prompt": text}` → `{"value": count, "ids": [...]}`. */
export const TOKENCOUNT_PATH = '/api/extra/tokencount';

/** Statuses that say "this server has no tokencount" (anything else may be passing). */
const UNSUPPORTED: ReadonlySet<number> = new Set([404, 405, 501]);

// Its `ids` grow with the text; far beyond this, the answer is not a token count.
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** Narrow view of the HTTP client, so tests can stand in for it. */
export type TokenCountTransport = Pick<UpstreamHttpClient, 'postSmallJson'>;

/**
 * One upstream's tokenizer, asked through KoboldCPP's `POST /api/extra/tokencount`. Remembers that
 * the server has none (404) for `recheckAfterMs`, so an upstream without it (llama.cpp, OpenAI) costs
 * one wasted request every few minutes, not one per call.
 */
export class UpstreamTokenCounter {
  private unsupportedUntil = 0;

  constructor(
    private readonly http: TokenCountTransport,
    private readonly recheckAfterMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** False while the server is known to lack tokencount. */
  get available(): boolean {
    return this.now() >= this.unsupportedUntil;
  }

  /** The token count of `text`; undefined when the server cannot tell. Rejects on transport failures and timeouts. */
  async count(text: string, timeoutMs: number): Promise<number | undefined> {
    // Nothing to ask about (an empty completion, or no prompt).
    if (text.length === 0) return 0;
    const { status, body } = await this.http.postSmallJson(TOKENCOUNT_PATH, { prompt: text }, timeoutMs, MAX_ANSWER_BYTES);
    if (UNSUPPORTED.has(status)) {
      this.unsupportedUntil = this.now() + this.recheckAfterMs;
      return undefined;
    }
    const value = status === 200 && typeof body === 'object' && body !== null ? (body as { value?: unknown }).value : undefined;
    // KoboldCPP answers `{"value": -1}` (400) to a body it cannot read.
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
  }
}
