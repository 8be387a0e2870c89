import { join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { postgresUrlForTestsSync, redisAvailableSync, redisUrlForTests } from '@ai-ticket/testing';
import { TopologyFixture } from './topology.fixture';
import { topologyScenarios } from './topology-scenarios';

/**
 * The replicated design as it runs on Kubernetes, on one machine: nginx terminating TLS in front of
 * three real replicas that share their stores, driven through https only. dist/ is built by the global
 * set-up; nginx and openssl come from scripts/install-test-tools.sh.
 */
describe('production topology: TLS nginx + 3 replicas', () => {
  const fixture = new TopologyFixture();
  beforeAll(() => fixture.setUp(), 30_000);
  afterAll(() => fixture.tearDown(), 30_000);
  afterEach(() => fixture.stop(), 30_000);

  describe('sharing one SQLite file (rate limits and history)', () => {
    let run = 0;
    topologyScenarios(
      () => fixture,
      () => {
        run += 1;
        return {
          RATE_LIMIT_BACKEND: 'sqlite',
          RATE_LIMIT_SQLITE_PATH: join(fixture.dir, `rate-limit-${run}.sqlite`),
          HISTORY_BACKEND: 'sqlite',
          AI_TICKET_METRICS_DB: join(fixture.dir, `history-${run}.sqlite`),
        };
      },
    );
  });

  const postgresUrl = postgresUrlForTestsSync();
  const redisUp = redisAvailableSync();
  if (!postgresUrl || !redisUp) console.warn('Skipping the Redis + PostgreSQL topology: a Redis and a PostgreSQL must answer (REDIS_URL, DATABASE_URL).');
  // Skipped only when Redis or PostgreSQL does not answer (reason printed above).
  (postgresUrl && redisUp ? describe : describe.skip)('sharing Redis (rate limits) and PostgreSQL (history)', () => {
    const database = `ai_ticket_topology_${process.pid}_${Date.now()}`;
    const databaseUrl = () => {
      const url = new URL(postgresUrl as string);
      url.pathname = `/${database}`;
      return url.toString();
    };
    const admin = async (sql: string) => {
      const client = new Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };
    beforeAll(() => admin(`CREATE DATABASE ${database}`));
    afterAll(() => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    beforeEach(async () => {
      // Address-keyed windows from an earlier run would still be in a shared Redis.
      const redis = new Redis(redisUrlForTests());
      const keys = await redis.keys('ai-ticket:rate-limit:default:ip:127.0.0.*');
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });

    topologyScenarios(
      () => fixture,
      () => ({ RATE_LIMIT_BACKEND: 'redis', REDIS_URL: redisUrlForTests(), HISTORY_BACKEND: 'postgres', DATABASE_URL: databaseUrl() }),
    );
  });
});
