import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DashboardConfig } from '@ai-ticket/config';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

type HeaderSetter = (name: string, value: string) => unknown;

/** The page talks only to its own origin; nothing may frame it. uPlot sets inline styles. */
const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * Serves the built dashboard (Vite output) under `/dashboard/`. @fastify/static resolves every path
 * inside the root and refuses `..` in any encoding. `/dashboard` redirects to `dashboard/` relatively,
 * so the page works under whatever sub-path an ingress adds.
 */
export function serveDashboard(app: NestFastifyApplication, config: DashboardConfig): void {
  const root = resolve(config.dir);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/dashboard', (_request, reply) => reply.redirect('dashboard/', 301));
  if (!existsSync(join(root, 'index.html'))) {
    new Logger('Dashboard').warn({ msg: 'The dashboard is not built; /dashboard answers 404 (run npm run build)', dir: root });
    fastify.get('/dashboard/*', () => {
      throw new AppException(ErrorCode.NotFound, 'The dashboard is not built on this server (npm run build).');
    });
    return;
  }
  app.useStaticAssets({
    root,
    prefix: '/dashboard/',
    index: ['index.html'],
    setHeaders: (target: unknown, path: string) => {
      // @fastify/static 10 passes Fastify's reply (`header`); Nest's typings still describe `setHeader`.
      const response = target as { header?: HeaderSetter; setHeader?: HeaderSetter };
      const set = (response.header ?? response.setHeader)?.bind(response);
      if (!set) return;
      for (const [name, value] of Object.entries(PAGE_HEADERS)) set(name, value);
      // Vite fingerprints asset names, so they may be cached for good; the page itself must not be.
      set('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
