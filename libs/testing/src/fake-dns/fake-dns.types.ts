/** What one name resolves to. */
export interface DnsRecords {
  /** IPv4 addresses answered to A queries. */
  a?: readonly string[];
  /** IPv6 addresses answered to AAAA queries. */
  aaaa?: readonly string[];
  /** Seconds, as returned by `resolve4(name, { ttl: true })`. Default: the server's `defaultTtl`. */
  ttl?: number;
}

/**
 * How a name fails: `servfail` (rcode 2, `ESERVFAIL`), `refused` (rcode 5, `EREFUSED`), or
 * `timeout`, where the query is logged but never answered (`ETIMEOUT`).
 */
export type DnsFailure = 'servfail' | 'refused' | 'timeout';

export interface FakeDnsOptions {
  /** Default 127.0.0.1; an IPv6 address listens on udp6. */
  host?: string;
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** TTL of records set without one. Default 5, CoreDNS's default for Kubernetes service names. */
  defaultTtl?: number;
}

/** One query as the server saw it. */
export interface LoggedDnsQuery {
  /** Lower-cased, without a trailing dot. */
  readonly name: string;
  /** `A`, `AAAA`, or `TYPE<n>` (RFC 3597) for any other type. */
  readonly type: string;
  /** Date.now() when it arrived. */
  readonly receivedAt: number;
}
