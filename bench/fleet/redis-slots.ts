import Redis from 'ioredis';

const WAIT_MS = 10_000;
const POLL_MS = 100;

/**
 * Resolves once `expected` processes listen on the slot-release channel under `keyPrefix`: proof that
 * each replica really runs Redis slots with that prefix (a replica that silently fell back to local
 * slots would not subscribe), and that none misses the first announcements.
 */
export async function waitForSlotSubscribers(redisUrl: string, keyPrefix: string, expected: number): Promise<void> {
  const channel = `${keyPrefix}upstream-slots:freed`;
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const deadline = Date.now() + WAIT_MS;
    let subscribers = 0;
    while (Date.now() < deadline) {
      const reply = (await redis.pubsub('NUMSUB', channel)) as [string, number];
      subscribers = Number(reply[1]);
      if (subscribers === expected) return;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new Error(`${channel}: ${subscribers} subscriber(s) after ${WAIT_MS} ms, expected ${expected} (are the replicas on UPSTREAM_SLOTS=redis?)`);
  } finally {
    redis.disconnect();
  }
}
