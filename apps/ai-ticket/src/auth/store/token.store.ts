import type { Client } from '../client.types';

/**
 * Where accepted API tokens come from. Every adapter must:
 * - compare in constant time and never log, return or expose a token;
 * - keep its last good set when a source becomes unreadable (never open the gate);
 * - report `enabled: false` only when no token source is configured at all.
 */
export abstract class TokenStore {
  /** False when no token source is configured: the API is then open (a warning is logged at start-up). */
  abstract get enabled(): boolean;

  /** The client a presented token belongs to, or undefined when it is not accepted. */
  abstract authenticate(token: string): Client | undefined;

  /** A signed dashboard session for the holder of `token`, valid until `expiresAt`; undefined for a bad token. */
  abstract issueSession(token: string, expiresAt: number): string | undefined;

  /** The client of a valid, unexpired session, signed with a token that is still accepted. */
  abstract verifySession(value: string, now: number): Client | undefined;
}
