import type { LoggerService } from '@nestjs/common';

export interface StoreIncidentMessages {
  /** Logged as an error once, when the store starts failing. */
  failing: string;
  /** Logged once, when it answers again. */
  recovered: string;
}

/**
 * A shared store's failures seen as incidents: one error line when it starts failing and one line when
 * it recovers (never one per request), and a count of every failure since start.
 */
export class StoreIncident {
  private ongoing = false;
  private count = 0;

  constructor(
    private readonly logger: Pick<LoggerService, 'error' | 'log'>,
    private readonly messages: StoreIncidentMessages,
  ) {}

  /** Whether the store is failing now. */
  get failing(): boolean {
    return this.ongoing;
  }

  /** Failures since start. */
  get failures(): number {
    return this.count;
  }

  failed(error: unknown): void {
    this.count += 1;
    if (this.ongoing) return;
    this.ongoing = true;
    this.logger.error({ msg: this.messages.failing, reason: error instanceof Error ? error.message : String(error) });
  }

  recovered(): void {
    if (!this.ongoing) return;
    this.ongoing = false;
    this.logger.log({ msg: this.messages.recovered, failures: this.count });
  }
}
