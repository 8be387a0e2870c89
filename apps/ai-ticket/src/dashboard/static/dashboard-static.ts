import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DashboardConfig } from '@ai-ticket/config';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadStaticBundle, type StaticBundle } from './static-bundle';

/** The page talks only to its own origin; nothing may frame it. uPlot sets inline styles. */
const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * Serves the built dashboard (Vite output) under `/dashboard/` from memory (see static-bundle.ts).
 * `/dashboard` redirects to `dashboard/` relatively, so the page works under whatever sub-path an
 * ingress adds. The page is public: it holds no data; its APIs need credentials.
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
  const bundle = loadStaticBundle(root);
  fastify.get('/dashboard/*', (request, reply) => sendFile(bundle, request, reply));
}

function sendFile(bundle: StaticBundle, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const wanted = (request.params as { '*': string })['*'];
  const file = bundle.get(wanted === '' ? 'index.html' : wanted);
  if (!file) throw new AppException(ErrorCode.NotFound, 'No such file in the dashboard.');
  void reply.headers(PAGE_HEADERS).header('etag', file.etag);
  void reply.header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  return reply.type(file.contentType).send(file.body);
}
