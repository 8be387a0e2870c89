import { buildAppConfig, type AppConfig } from '@ai-ticket/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';

/** Settings that keep tests fast and quiet; each test overrides what it exercises. */
export const TEST_ENV: Record<string, string> = {
  LOG_LEVEL: 'silent',
  UPSTREAM_RETRY_BASE_MS: '1',
  UPSTREAM_RETRY_MAX_MS: '20',
  UPSTREAM_TIMEOUT_MS: '5000',
  SHUTDOWN_GRACE_MS: '5000',
};

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** Base URL when started with `listen: true`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the real application (same factory as `main.ts`) with the given environment. In process
 * by default (use `app.inject`); `listen: true` also binds a loopback port, for streaming and
 * disconnect tests that need a real socket.
 */
export async function startTestApp(env: Record<string, string>, options: { listen?: boolean } = {}): Promise<TestApp> {
  const config = buildAppConfig({ ...TEST_ENV, ...env });
  const app = await createApp(config);
  let url = '';
  if (options.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
    url = `http://127.0.0.1:${address.port}`;
  } else {
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  }
  return { app, config, url, close: () => app.close() };
}

/** POSTs an event in process. */
export function postEvent(app: NestFastifyApplication, payload: unknown, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/event',
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}
