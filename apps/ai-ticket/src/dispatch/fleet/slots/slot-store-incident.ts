import type { Logger } from '@nestjs/common';

/** Logs a failing slot store once when it starts failing and once when it recovers, and counts each failure. */
export class SlotStoreIncident {
  private failing = false;
  private failures = 0;

  constructor(
    private readonly logger: Logger,
    private readonly failMode: 'local' | 'closed',
    private readonly onFailure?: () => void,
  ) {}

  started(error: unknown): void {
    this.failures += 1;
    this.onFailure?.();
    if (this.failing) return;
    this.failing = true;
    this.logger.error({
      msg:
        this.failMode === 'local'
          ? 'Upstream slot store (Redis) is failing; slots are counted per replica until it recovers (UPSTREAM_SLOTS_FAIL_MODE=local)'
          : 'Upstream slot store (Redis) is failing; events are refused until it recovers (UPSTREAM_SLOTS_FAIL_MODE=closed)',
      reason: error instanceof Error ? error.message : String(error),
    });
  }

  ended(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log({ msg: 'Upstream slot store (Redis) has recovered', failures: this.failures });
    this.failures = 0;
  }
}
