/**
 * The few HTTP calls the dashboard makes. `fetch` and the page address are injected so the client has no
 * browser globals of its own (and can be tested without a DOM).
 */
import { errorFromResponse } from './errors';
import { parseSnapshot, type Snapshot } from './snapshot';
import { parseUsageReport, type UsageReport } from './usage';
import { apiUrl, type ApiPath } from './urls';

/** The subset of `fetch` the client uses; `window.fetch` satisfies it. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; credentials: 'same-origin'; cache: 'no-store' },
) => Promise<{ status: number; ok: boolean; text(): Promise<string> }>;

export interface SessionState {
  authRequired: boolean;
  authenticated: boolean;
}

export class ApiClient {
  constructor(
    private readonly fetchFn: FetchLike,
    /** Returns the current page address; read per call so it follows history.pushState, if ever used. */
    private readonly pageHref: () => string,
  ) {}

  url(path: ApiPath): string {
    return apiUrl(path, this.pageHref());
  }

  async session(): Promise<SessionState> {
    const body = await this.request('GET', 'session');
    const raw = (typeof body === 'object' && body !== null ? body : {}) as Partial<Record<keyof SessionState, unknown>>;
    return { authRequired: raw.authRequired === true, authenticated: raw.authenticated === true };
  }

  /** Exchanges the token for an HttpOnly session cookie; the token is not kept anywhere afterwards. */
  async signIn(token: string): Promise<void> {
    await this.request('POST', 'session', JSON.stringify({ token }));
  }

  async signOut(): Promise<void> {
    await this.request('DELETE', 'session');
  }

  async summary(): Promise<Snapshot> {
    return parseSnapshot(await this.request('GET', 'summary'));
  }

  /** Token usage per client; the server widens the range to whole hours. Bounds go as epoch ms, which need no escaping. */
  async usage(range: { from: number; to: number }): Promise<UsageReport> {
    return parseUsageReport(await this.request('GET', 'usage', undefined, { from: String(range.from), to: String(range.to) }));
  }

  private async request(method: string, path: ApiPath, body?: string, query: Record<string, string> = {}): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const url = new URL(this.url(path));
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    // same-origin: the session cookie rides along; no-store: a cached summary would look live but be stale.
    const response = await this.fetchFn(url.href, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
    const text = await response.text();
    if (!response.ok) throw errorFromResponse(response.status, text);
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }
}
