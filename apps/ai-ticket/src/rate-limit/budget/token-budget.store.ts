import type { BudgetWindow } from './budget-window.util';

export interface ReserveRequest {
  /** The client's identity (never a secret). */
  key: string;
  window: BudgetWindow;
  /** Tokens the client may use in the window. */
  budget: number;
  /** Tokens set aside for this request until it is settled (its prompt and the most it may generate). */
  tokens: number;
}

export interface BudgetState {
  admitted: boolean;
  /** Tokens charged in the window (after this call). */
  used: number;
  /** Tokens set aside for admitted requests not yet settled (after this call). */
  reserved: number;
}

export interface SettleRequest {
  key: string;
  /** The window the request was admitted in (not the current one, if it has moved on). */
  window: BudgetWindow;
  /** What `reserve` set aside for the request. */
  reserved: number;
  /** What the request really used. */
  used: number;
}

/**
 * The token-budget store, one adapter per backend (memory, SQLite, Redis), chosen with the rate-limit one.
 *
 * Semantics: a request is admitted while the window's `used + reserved` is below the budget, and its
 * `tokens` are then reserved; `settle` charges what it really used and releases the reservation. As long
 * as a reservation covers the request's real usage, the tokens used in a window never exceed the budget
 * by more than the last admitted request's usage, however many processes share the store.
 *
 * Every adapter must make `reserve` and `settle` each ONE atomic step (a single SQLite statement, a Redis
 * Lua script, a synchronous block in memory). Windows are dropped when they end. Failures throw.
 */
export abstract class TokenBudgetStore {
  abstract reserve(request: ReserveRequest): Promise<BudgetState>;

  abstract settle(request: SettleRequest): Promise<void>;

  /** Resolves when the store answers; rejects when it cannot be used. */
  abstract ping(): Promise<void>;

  /** Deletes ended windows (where the backend does not expire them itself); returns how many. */
  abstract sweepExpired(): Promise<number>;
}
