import type { IncomingHttpHeaders } from 'node:http';

/**
 * The token a caller presents: `Authorization: Bearer <token>` or `X-API-Key: <token>`.
 * Undefined when neither is present in a usable form (another auth scheme counts as none).
 */
export function presentedToken(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  const apiKey = headers['x-api-key'];
  const key = Array.isArray(apiKey) ? apiKey[0] : apiKey;
  return key && key.trim() !== '' ? key.trim() : undefined;
}
