import { timingSafeEqual } from 'node:crypto';
import type { Client } from '../client.types';
import { readSession, sessionMatches, signSession } from '../session/session-token';
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
    const found = this.entryFor(presented);
    if (!found) return undefined;
    return found.tokenBudget === undefined ? { id: found.clientId } : { id: found.clientId, tokenBudget: found.tokenBudget };
  }

  /** A session for the client holding `presented`, or undefined when the token is not accepted. */
  issueSession(presented: string, expiresAt: number): string | undefined {
    const found = this.entryFor(presented);
    return found ? signSession(found.clientId, expiresAt, found.digest) : undefined;
  }

  /** The client of a session signed with one of this set's tokens and not yet expired. */
  verifySession(value: string, now: number): Client | undefined {
    const claims = readSession(value);
    if (!claims || claims.expiresAt <= now) return undefined;
    let valid = false;
    for (const entry of this.entries) {
      if (entry.clientId === claims.clientId && sessionMatches(claims, entry.digest)) valid = true;
    }
    return valid ? { id: claims.clientId } : undefined;
  }

  private entryFor(presented: string): TokenEntry | undefined {
    const digest = sha256(presented);
    let found: TokenEntry | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, digest) && !found) found = entry;
    }
    return found;
  }
}
