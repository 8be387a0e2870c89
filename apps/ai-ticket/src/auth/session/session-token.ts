import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A dashboard session: `<client id, base64url>.<expiry, epoch ms>.<HMAC-SHA256, base64url>`, the HMAC
 * keyed with the SHA-256 digest of the client's API token. So any replica holding the same tokens can
 * verify it without shared state, and removing a token from the token file revokes its sessions.
 */
export function signSession(clientId: string, expiresAt: number, key: Buffer): string {
  return `${Buffer.from(clientId).toString('base64url')}.${expiresAt}.${mac(clientId, expiresAt, key)}`;
}

export interface SessionClaims {
  clientId: string;
  expiresAt: number;
  mac: Buffer;
}

/** Splits a session value; undefined when it is not one (nothing is verified here). */
export function readSession(value: string): SessionClaims | undefined {
  const parts = value.split('.');
  if (parts.length !== 3 || !/^\d{1,15}$/.test(parts[1])) return undefined;
  const clientId = Buffer.from(parts[0], 'base64url').toString('utf8');
  const macBytes = Buffer.from(parts[2], 'base64url');
  if (clientId === '' || macBytes.length !== 32) return undefined;
  return { clientId, expiresAt: Number(parts[1]), mac: macBytes };
}

/** Constant-time check of the claims against one candidate key. */
export function sessionMatches(claims: SessionClaims, key: Buffer): boolean {
  return timingSafeEqual(Buffer.from(mac(claims.clientId, claims.expiresAt, key), 'base64url'), claims.mac);
}

function mac(clientId: string, expiresAt: number, key: Buffer): string {
  return createHmac('sha256', key).update(`ai-ticket-session\n${clientId}\n${expiresAt}`).digest('base64url');
}
