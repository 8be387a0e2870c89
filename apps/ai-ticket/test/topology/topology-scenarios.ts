import { REPLICAS, type TopologyFixture } from './topology.fixture';
import { openFeedOverHttps } from './sse-over-https';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const token = (label: string) => `${label}-token-${process.pid}-${Date.now()}-0123456789`;
/** Client names unique per run: a shared Redis keeps windows from earlier runs. */
const clientName = (label: string) => `${label}-${process.pid}-${Date.now()}`;

async function summaryTotals(url: string, bearer: string): Promise<{ requests: number }> {
  const res = await fetch(`${url}/api/metrics/summary`, { headers: { authorization: `Bearer ${bearer}` } });
  return ((await res.json()) as { totals: { requests: number } }).totals;
}

/**
 * The checks of the production topology, run once per storage set-up (`storage()` gives the env that
 * points every replica at the same stores, fresh for each call).
 */
export function topologyScenarios(fixture: () => TopologyFixture, storage: () => Record<string, string>): void {
  it('should admit exactly the limit for one client whose load is spread over every replica', async () => {
    const secret = token('quota');
    const f = fixture();
    f.upstream.reset();
    await f.start({ ...storage(), AI_TICKET_AUTH_TOKEN: `${clientName('quota')}=${secret}`, RATE_LIMIT_REQUESTS: '30', RATE_LIMIT_WINDOW_SECONDS: '300' });

    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => f.request('/event', { body: { content: `q${i}` }, headers: { authorization: `Bearer ${secret}` } })),
    );

    const count = (status: number) => answers.filter((answer) => answer.status === status).length;
    expect({ admitted: count(200), limited: count(429), other: answers.length - count(200) - count(429) }).toEqual({ admitted: 30, limited: 70, other: 0 });
  });

  it('should keep clients apart by address, whatever X-Forwarded-For they send', async () => {
    const f = fixture();
    await f.start({ ...storage(), RATE_LIMIT_REQUESTS: '5', RATE_LIMIT_WINDOW_SECONDS: '300' });
    const admittedFrom = async (localAddress: string, forwardedFor?: (i: number) => string) => {
      let admitted = 0;
      for (let i = 0; i < 8; i += 1) {
        const headers = forwardedFor ? { 'x-forwarded-for': forwardedFor(i) } : undefined;
        if ((await f.request('/event', { body: { content: 'hi' }, localAddress, headers })).status === 200) admitted += 1;
      }
      return admitted;
    };

    expect(await admittedFrom('127.0.0.2')).toBe(5);
    expect(await admittedFrom('127.0.0.3')).toBe(5);
    // Neither inventing addresses nor naming another client's moves this client out of its own bucket.
    expect(await admittedFrom('127.0.0.4', (i) => (i % 2 === 0 ? `10.0.0.${i}` : '127.0.0.9'))).toBe(5);
  });

  it('should stream each dashboard update through nginx within a second, and report the same totals on every replica', async () => {
    const secret = token('dash');
    const f = fixture();
    const replicas = await f.start({ ...storage(), AI_TICKET_AUTH_TOKEN: `${clientName('dash')}=${secret}`, RATE_LIMIT_REQUESTS: '0' });
    const signIn = await f.request('/api/session', { body: { token: secret } });
    const cookies = ([] as string[]).concat(signIn.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0]);
    const feed = await openFeedOverHttps(`https://127.0.0.1:${f.frontPort}/api/metrics/stream`, f.certificate.pem, cookies.join('; '));
    const base = (await summaryTotals(replicas.url(0), secret)).requests;

    try {
      for (let i = 1; i <= 3; i += 1) {
        const sentAt = performance.now();
        expect((await f.request('/event', { body: { content: `live ${i}` }, headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
        const arrivedAt = await feed.snapshotWith(base + i, 1000);
        expect(arrivedAt - sentAt).toBeLessThan(1000);
      }
    } finally {
      feed.close();
    }
    await sleep(400);
    const totals = await Promise.all(replicas.ports.map((_, i) => summaryTotals(replicas.url(i), secret)));
    expect(totals.map((t) => t.requests)).toEqual(Array(REPLICAS).fill(base + 3));
    expect(signIn.status).toBe(204);
    expect(cookies.some((cookie) => cookie.startsWith('ai_ticket_affinity='))).toBe(true);
  });

  it('should roll every replica with no failed request and every event persisted', async () => {
    const secret = token('roll');
    const f = fixture();
    f.upstream.setDefault('/v1/chat/completions', { kind: 'delay', ms: 30, then: { kind: 'ok' } });
    const replicas = await f.start({ ...storage(), AI_TICKET_AUTH_TOKEN: `${clientName('roll')}=${secret}`, RATE_LIMIT_REQUESTS: '0' });
    const before = (await summaryTotals(replicas.url(0), secret)).requests;
    const statuses: number[] = [];
    let running = true;
    const worker = async () => {
      while (running) {
        const answer = await f.request('/event', { body: { content: 'steady' }, headers: { authorization: `Bearer ${secret}` } }).catch(() => ({ status: 0 }));
        statuses.push(answer.status);
      }
    };
    const load = Array.from({ length: 6 }, worker);

    const exitCodes: Array<number | null> = [];
    try {
      await sleep(500);
      for (let i = 0; i < REPLICAS; i += 1) exitCodes.push(await f.rollReplica(replicas, i));
      await sleep(500);
    } finally {
      running = false;
      await Promise.all(load);
      f.upstream.reset();
    }
    await sleep(400);

    expect(exitCodes).toEqual([0, 0, 0]);
    expect(statuses.length).toBeGreaterThan(50);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect((await summaryTotals(replicas.url(1), secret)).requests - before).toBe(statuses.length);
  });

  it('should make every replica accept a rotated token and refuse the old one within the reload interval', async () => {
    const [oldToken, newToken] = [token('old'), token('new')];
    const f = fixture();
    const secret = f.secret(`ci=${oldToken}\n`);
    const replicas = await f.start({ ...storage(), AI_TICKET_AUTH_TOKEN_FILE: secret.file, AI_TICKET_AUTH_TOKEN_RELOAD_INTERVAL: '1', RATE_LIMIT_REQUESTS: '0' });
    const statusOn = (i: number, bearer: string) => fetch(`${replicas.url(i)}/api/metrics/summary`, { headers: { authorization: `Bearer ${bearer}` } }).then((res) => res.status);
    expect(await Promise.all(replicas.ports.map((_, i) => statusOn(i, oldToken)))).toEqual([200, 200, 200]);

    secret.update(`ci=${newToken}\n`);
    const deadline = Date.now() + 3000;
    let accepted: number[] = [];
    while (Date.now() < deadline) {
      accepted = await Promise.all(replicas.ports.map((_, i) => statusOn(i, newToken)));
      if (accepted.every((status) => status === 200)) break;
      await sleep(100);
    }

    expect(accepted).toEqual([200, 200, 200]);
    expect(await Promise.all(replicas.ports.map((_, i) => statusOn(i, oldToken)))).toEqual([403, 403, 403]);
  });
}
