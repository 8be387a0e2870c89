/**
 * A token-budget window: aligned to multiples of its length since the epoch (UTC), so "100,000 tokens
 * per day" means per calendar day for every replica, and a late charge can name the window it belongs to.
 */
export interface BudgetWindow {
  startsAt: number;
  endsAt: number;
}

export function budgetWindowAt(now: number, windowMs: number): BudgetWindow {
  const startsAt = now - (now % windowMs);
  return { startsAt, endsAt: startsAt + windowMs };
}

/** The store key of one client's window: a charge that arrives after the window ended lands nowhere. */
export function windowKey(key: string, window: BudgetWindow): string {
  return `${key}@${window.startsAt}`;
}
