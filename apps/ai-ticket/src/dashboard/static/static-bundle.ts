import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
  etag: string;
  /** Vite fingerprints the names of files under assets/, so they never change. */
  immutable: boolean;
}

/** A built SPA held in memory: `/`-separated relative paths → files. */
export type StaticBundle = ReadonlyMap<string, StaticFile>;

/**
 * Reads a build folder once. Serving from this map means a request can only ever get a file that was
 * in the build: no request path reaches the filesystem, so `..` and its encodings have nothing to
 * escape to. Rebuilding needs a restart, as with any container image.
 */
export function loadStaticBundle(root: string): StaticBundle {
  const files = new Map<string, StaticFile>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path).split(sep).join('/'), toStaticFile(path, relative(root, path)));
    }
  };
  walk(root);
  return files;
}

function toStaticFile(path: string, relativePath: string): StaticFile {
  const body = readFileSync(path);
  return {
    body,
    contentType: CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    immutable: relativePath.startsWith(`assets${sep}`),
  };
}
