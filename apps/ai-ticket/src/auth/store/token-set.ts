import { timingSafeEqual } from 'node:crypto';
import type { Client } from '../client.types';
import { sha256, type TokenEntry } from './token-entry.parser';

/**
 * An immutable set of accepted tokens. Matching hashes the presented token and compares digests in
 * constant time against every entry (no early exit), so timing reveals neither a token nor which
 * entry matched.
 */
export class TokenSet {
  constructor(private readonly entries: readonly TokenEntry[]) {}

  get size(): number {
    return this.entries.length;
  }

  match(presented: string): Client | undefined {
    const digest = sha256(presented);
    let found: TokenEntry | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, digest) && !found) found = entry;
    }
    return found ? { id: found.clientId } : undefined;
  }
}
