/**
 * Where the dashboard's API lives, relative to the page.
 *
 * The page is served at `<prefix>/dashboard/` and the API at `<prefix>/api/…`, where the prefix is unknown
 * (`/`, an ingress path such as `/ai-ticket/`, or nothing through `kubectl port-forward`). Resolving
 * `../api/…` against the page's own address keeps every request under whatever prefix served the page;
 * an absolute `/api/…` would escape it.
 */

/** The API paths the dashboard calls, relative to the page directory. */
export const API_PATHS = {
  session: '../api/session',
  summary: '../api/metrics/summary',
  stream: '../api/metrics/stream',
  usage: '../api/usage',
} as const;

export type ApiPath = keyof typeof API_PATHS;

/**
 * The directory URL of the page: query and fragment dropped, and a last segment without a dot (`/dashboard`)
 * taken as a directory. Without the slash, `../api` would resolve one level too high and lose the prefix.
 */
export function pageDirectory(pageHref: string): URL {
  const url = new URL(pageHref);
  url.search = '';
  url.hash = '';
  const lastSegment = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  if (lastSegment !== '' && !lastSegment.includes('.')) url.pathname += '/';
  return new URL('./', url);
}

/** The absolute URL of an API endpoint for a page at `pageHref` (pass `window.location.href`). */
export function apiUrl(path: ApiPath, pageHref: string): string {
  return new URL(API_PATHS[path], pageDirectory(pageHref)).href;
}
