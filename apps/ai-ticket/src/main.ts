import 'reflect-metadata';
import { EnvironmentValidationError, loadAppConfig } from '@ai-ticket/config';
import { Logger } from 'nestjs-pino';
import { createApp } from './app.factory';
import { upstreamLabel } from './dispatch/fleet/upstream-address.util';
import { drainAndClose } from './health/graceful-shutdown';
import { warnWhenNoUpstreamAnswers } from './health/upstream-first-contact.util';
import { limitHeapGrowth } from './runtime/heap-growth';

async function bootstrap(): Promise<void> {
  limitHeapGrowth();
  const config = loadAppConfig();
  const app = await createApp(config);
  const logger = app.get(Logger);
  await app.listen({ port: config.server.port, host: config.server.host });
  logger.log({
    msg: 'AI Ticket is listening',
    port: config.server.port,
    upstreams: config.upstream.targets.map((target) => upstreamLabel(target.url)),
    discovery: config.upstream.discovery.mode,
    slots: config.upstream.slots.backend,
  });
  // Not awaited: advice for a first run without KoboldCPP, which must not delay serving.
  void warnWhenNoUpstreamAnswers(
    config.upstream.targets.map((target) => upstreamLabel(target.url)),
    logger,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ msg: 'Second signal: exiting without waiting', signal });
      process.exit(1);
    }
    stopping = true;
    logger.log({ msg: 'Signal received', signal });
    void drainAndClose(app, config.server.shutdownGraceMs, logger).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ msg: 'Shutdown failed', err: error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

bootstrap().catch((error: unknown) => {
  // Configuration errors name the bad variables (never their values) and stop start-up.
  const message = error instanceof EnvironmentValidationError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`AI Ticket failed to start: ${message}\n`);
  process.exit(1);
});
