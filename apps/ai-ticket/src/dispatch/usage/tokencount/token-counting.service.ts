import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import type { UpstreamTokenCounter } from './upstream-token-counter';

/** A call's tokens as the upstream's tokenizer counted them. */
export interface CountedTokens {
  promptTokens: number;
  completionTokens: number;
}

// Counting runs after the answer is sent; a slow tokenizer only leaves the call on its estimate.
const TIMEOUT_MS = 2_000;
// Calls being counted at once (two requests each); beyond that, calls are estimated, never queued.
const MAX_IN_FLIGHT = 4;

/**
 * Counts the tokens of answers that came without `usage` (KoboldAI's native API never reports it, some
 * KoboldCPP builds omit it) with the tokenizer of the upstream that answered, when `USAGE_TOKENCOUNT=auto`.
 * Bounded: a short timeout, a few counts at a time, and nothing asked of an upstream known to lack it.
 */
@Injectable()
export class TokenCounting {
  private readonly logger = new Logger(TokenCounting.name);
  /** Whether answers are worth keeping the text of, to be counted. */
  readonly enabled: boolean;
  private inFlight = 0;

  constructor(config: ConfigService<AppConfig, true>) {
    this.enabled = config.get('usage.tokenCount', { infer: true }) === 'auto';
  }

  /**
   * Undefined at once when the upstream cannot be asked (off, no upstream, known to lack tokencount,
   * too many counts running); else the counts, or undefined when it could not count. Never rejects.
   */
  count(tokenizer: UpstreamTokenCounter | undefined, prompt: string, completion: string): Promise<CountedTokens | undefined> | undefined {
    if (!this.enabled || !tokenizer?.available || this.inFlight >= MAX_IN_FLIGHT) return undefined;
    this.inFlight += 1;
    return Promise.all([tokenizer.count(prompt, TIMEOUT_MS), tokenizer.count(completion, TIMEOUT_MS)])
      .then(
        ([promptTokens, completionTokens]) => (promptTokens === undefined || completionTokens === undefined ? undefined : { promptTokens, completionTokens }),
        (error: unknown) => {
          this.logger.debug({ msg: 'Upstream tokencount failed; the call is estimated', reason: error instanceof Error ? error.message : String(error) });
          return undefined;
        },
      )
      .finally(() => {
        this.inFlight -= 1;
      });
  }
}
