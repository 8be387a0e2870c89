import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Server } from 'node:http';
import { LifecycleService } from './lifecycle.service';

/** After the grace period, how long closing may take before the process exits anyway. */
const CLOSE_TIMEOUT_MS = 2_000;

/**
 * Drains the service: readiness fails at once, in-flight requests and streams get up to `graceMs`
 * to finish (new ones are still served meanwhile, until the load balancer stops sending), then the
 * app closes. Resolves when it is safe to exit.
 */
export async function drainAndClose(app: INestApplication, graceMs: number, logger: LoggerService): Promise<void> {
  const lifecycle = app.get(LifecycleService);
  const startedAt = Date.now();
  lifecycle.beginDrain();
  logger.log({ msg: 'Shutdown started: readiness now fails; draining in-flight requests', inFlight: lifecycle.inFlight, graceMs });
  const drained = await lifecycle.waitForIdle(graceMs);
  if (!drained) {
    logger.warn({ msg: 'Grace period over; cutting the requests still in flight', inFlight: lifecycle.inFlight });
    // Their callers see a dropped connection, and their upstream requests are aborted with them.
    (app.getHttpServer() as Server).closeAllConnections();
  }
  await Promise.race([app.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref())]);
  logger.log({ msg: 'shutdown complete', drained, durationMs: Date.now() - startedAt });
}
