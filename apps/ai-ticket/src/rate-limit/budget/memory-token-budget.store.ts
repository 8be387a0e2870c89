import type { OnModuleDestroy } from '@nestjs/common';
import { windowKey } from './budget-window.util';
import { TokenBudgetStore, type BudgetState, type ReserveRequest, type SettleRequest } from './token-budget.store';

interface WindowTotals {
  used: number;
  reserved: number;
  endsAt: number;
}

/** Budgets in this process's memory: exact for one process; each replica counts on its own. */
export class MemoryTokenBudgetStore extends TokenBudgetStore implements OnModuleDestroy {
  private readonly windows = new Map<string, WindowTotals>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepIntervalMs = 60_000) {
    super();
    this.sweeper = setInterval(() => void this.sweepExpired(), sweepIntervalMs);
    this.sweeper.unref();
  }

  reserve({ key, window, budget, tokens }: ReserveRequest): Promise<BudgetState> {
    // One synchronous block: nothing can interleave between the check and the reservation.
    const id = windowKey(key, window);
    const totals = this.windows.get(id) ?? { used: 0, reserved: 0, endsAt: window.endsAt };
    const admitted = totals.used + totals.reserved < budget;
    if (admitted) totals.reserved += tokens;
    this.windows.set(id, totals);
    return Promise.resolve({ admitted, used: totals.used, reserved: totals.reserved });
  }

  settle({ key, window, reserved, used }: SettleRequest): Promise<void> {
    const totals = this.windows.get(windowKey(key, window));
    if (totals) {
      totals.used += used;
      totals.reserved = Math.max(0, totals.reserved - reserved);
    }
    return Promise.resolve();
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  sweepExpired(): Promise<number> {
    const now = Date.now();
    let removed = 0;
    for (const [id, totals] of this.windows) {
      if (totals.endsAt <= now) {
        this.windows.delete(id);
        removed += 1;
      }
    }
    return Promise.resolve(removed);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}
