import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';

/** What one name resolved to: its addresses, or `undefined` when the lookup failed without an answer. */
export type Resolution = string[] | undefined;

/** Answers that say "no such records" (the name has no ready backend), as opposed to a failed lookup. */
const DEFINITE_EMPTY = new Set(['ENOTFOUND', 'ENODATA']);

/**
 * Resolves a host name to all its IPv4 and IPv6 addresses with a DNS resolver of its own (servers
 * injectable, so tests can run a local one). An IP literal resolves to itself.
 */
export class DnsAddressResolver {
  private readonly resolver: Resolver;

  constructor(servers: readonly string[], timeoutMs = 2_000) {
    this.resolver = new Resolver({ timeout: timeoutMs, tries: 2 });
    if (servers.length > 0) this.resolver.setServers([...servers]);
  }

  async resolve(host: string): Promise<Resolution> {
    const literal = host.replace(/^\[(.*)\]$/, '$1');
    if (isIP(literal) !== 0) return [literal];
    const [v4, v6] = await Promise.all([this.lookup(() => this.resolver.resolve4(host)), this.lookup(() => this.resolver.resolve6(host))]);
    if (v4 === undefined && v6 === undefined) return undefined;
    // One family failing outright while the other answered: keep what did answer.
    return [...(v4 ?? []), ...(v6 ?? [])].sort();
  }

  private async lookup(query: () => Promise<string[]>): Promise<Resolution> {
    try {
      return await query();
    } catch (error) {
      if (DEFINITE_EMPTY.has((error as NodeJS.ErrnoException).code ?? '')) return [];
      return undefined;
    }
  }
}
