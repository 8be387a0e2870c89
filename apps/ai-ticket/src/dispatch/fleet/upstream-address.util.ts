import { withoutCredentials } from '@ai-ticket/config';

/**
 * How an upstream is named in metrics labels, Redis keys, logs and the dashboard: its base URL without
 * credentials or trailing slash (`http://10.0.3.7:5001`). Bounded: one per configured or discovered backend.
 */
export function upstreamLabel(url: string): string {
  return withoutCredentials(url).replace(/\/+$/, '');
}
