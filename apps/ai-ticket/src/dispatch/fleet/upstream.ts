import { CircuitBreaker, type CircuitState } from '../upstream/circuit-breaker';
import { EndpointCatalog } from '../upstream/endpoint-catalog';
import { ENDPOINT_ORDER } from '../upstream/endpoints/endpoint-order';
import { UpstreamHttpClient } from '../upstream/upstream-http.client';
import { UpstreamTokenCounter } from '../usage/tokencount/upstream-token-counter';
import type { SlotCandidate } from './slots/upstream-slots';
import { upstreamLabel } from './upstream-address.util';

/** One backend as discovery found it: where to connect, and how many generations it runs at once. */
export interface UpstreamTarget {
  url: string;
  slots: number;
  /** TLS server name when `url` holds an address resolved from a name. */
  servername?: string;
}

export interface UpstreamSettings {
  apiKey?: string;
  circuitThreshold: number;
  circuitCooldownMs: number;
  onCircuitChange: (upstream: Upstream, state: CircuitState) => void;
}

/** The last failure seen at an upstream, for the dashboard. */
export interface UpstreamError {
  kind: string;
  message: string;
  at: number;
}

/**
 * One backend of the fleet, with everything that is its own: connection pool, circuit breaker, memory
 * of which APIs it lacks, its tokenizer, and this replica's counts. Slots are counted by `UpstreamSlots`, not here,
 * because with Redis they are shared by every replica.
 */
export class Upstream implements SlotCandidate {
  /** Metric label, Redis key part and dashboard name (see `upstreamLabel`). */
  readonly key: string;
  readonly slots: number;
  readonly http: UpstreamHttpClient;
  readonly breaker: CircuitBreaker;
  /** Its tokenizer, for answers it gave without `usage`. */
  readonly tokenizer: UpstreamTokenCounter;
  readonly endpoints = new EndpointCatalog(ENDPOINT_ORDER);
  /** Events this replica has at the upstream now. */
  inFlight = 0;
  /** Completions this replica got from it. */
  served = 0;
  /** Busy answers this replica got from it. */
  busyAnswers = 0;
  lastError: UpstreamError | undefined;
  /** Gone from discovery: takes no new work, finishes what it has. */
  retiring = false;

  constructor(target: UpstreamTarget, settings: UpstreamSettings) {
    this.key = upstreamLabel(target.url);
    this.slots = target.slots;
    this.http = new UpstreamHttpClient({ baseUrl: target.url, slots: target.slots, apiKey: settings.apiKey, servername: target.servername });
    this.tokenizer = new UpstreamTokenCounter(this.http);
    this.breaker = new CircuitBreaker({
      threshold: settings.circuitThreshold,
      cooldownMs: settings.circuitCooldownMs,
      onStateChange: (state) => settings.onCircuitChange(this, state),
    });
  }

  /** Whether new work may be sent here now. */
  get acceptsWork(): boolean {
    return !this.retiring && this.breaker.admits();
  }

  failed(kind: string, message: string): void {
    this.lastError = { kind, message, at: Date.now() };
  }
}
