import type { IncomingHttpHeaders } from 'node:http';

export const SESSION_COOKIE = 'ai_ticket_session';

/** The session cookie's value, if the request carries one. */
export function sessionCookieOf(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

/**
 * `Set-Cookie` for a session: HttpOnly (scripts never see it), SameSite=Strict (no cross-site use, so no
 * CSRF), `Secure` when the page came over HTTPS, and `Path=/` so it reaches the APIs whatever sub-path an
 * ingress serves the dashboard under.
 */
export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${SESSION_COOKIE}=${value}`, 'Path=/', `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}
