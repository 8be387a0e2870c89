import type { UpstreamEndpoint } from './endpoints/upstream-endpoint.types';

/**
 * Remembers for a while which of the upstream's APIs answered "not here" (404/405/501), so that an
 * upstream without the chat API does not cost every request an extra round trip.
 */
export class EndpointCatalog {
  private readonly missingUntil = new Map<string, number>();

  constructor(
    private readonly endpoints: readonly UpstreamEndpoint[],
    private readonly forgetAfterMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The endpoints to try, in order; all of them again once every one has been marked missing. */
  candidates(): readonly UpstreamEndpoint[] {
    const now = this.now();
    const available = this.endpoints.filter((endpoint) => (this.missingUntil.get(endpoint.name) ?? 0) <= now);
    return available.length > 0 ? available : this.endpoints;
  }

  markMissing(endpoint: UpstreamEndpoint): void {
    this.missingUntil.set(endpoint.name, this.now() + this.forgetAfterMs);
  }
}
