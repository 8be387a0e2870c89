import { FakeDnsServer, FakeUpstream, errorBody } from '@ai-ticket/testing';
import { freePort } from './support/free-port';
import { postEvent, startTestApp, type TestApp } from './support/test-app';

const CHAT = '/v1/chat/completions';

/** The value of one per-upstream series in the app's /metrics. */
async function seriesValue(sut: TestApp, metric: string, upstream: string): Promise<number | undefined> {
  const text = (await sut.app.inject({ method: 'GET', url: '/metrics' })).body;
  const line = text.split('\n').find((row) => row.startsWith(`ai_ticket_${metric}{`) && row.includes(`upstream="${upstream}"`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('upstream fleet (in process)', () => {
  let upstreams: FakeUpstream[] = [];
  let sut: TestApp | undefined;

  afterEach(async () => {
    await sut?.close();
    sut = undefined;
    await Promise.all(upstreams.splice(0).map((upstream) => upstream.close()));
  });

  describe('circuit breakers, one per upstream', () => {
    it('should never open the circuit for busy answers, however many', async () => {
      upstreams = [await FakeUpstream.start()];
      const [upstream] = upstreams;
      sut = await startTestApp({ KOBOLDCPP_API_URL: upstream.url, UPSTREAM_CIRCUIT_THRESHOLD: '1', UPSTREAM_QUEUE_TIMEOUT_MS: '150' });
      upstream.setDefault(CHAT, { kind: 'busy' });

      for (let i = 0; i < 3; i += 1) {
        const res = await postEvent(sut.app, { content: `busy ${i}` });
        expect(res.json()).toEqual({ ...errorBody.upstreamUnavailable, details: { reason: 'upstream_busy' } });
      }
      upstream.reset();
      const after = await postEvent(sut.app, { content: 'free again' });

      expect(after.statusCode).toBe(200);
      expect(await seriesValue(sut, 'upstream_circuit_state', upstream.url)).toBe(0);
      expect(await seriesValue(sut, 'upstream_busy_total', upstream.url)).toBeGreaterThanOrEqual(3);
    });

    it('should open the circuit of a failing upstream only, while the other answers every event', async () => {
      upstreams = [await FakeUpstream.start(), await FakeUpstream.start()];
      const [failing, healthy] = upstreams;
      failing.setDefault(CHAT, { kind: 'drop' });
      sut = await startTestApp({ KOBOLDCPP_API_URL: `${failing.url},${healthy.url}`, UPSTREAM_CIRCUIT_THRESHOLD: '2', UPSTREAM_CIRCUIT_COOLDOWN_MS: '60000' });

      const statuses: number[] = [];
      for (let i = 0; i < 8; i += 1) statuses.push((await postEvent(sut.app, { content: `event ${i}` })).statusCode);
      const failingSeen = failing.requests.length;
      for (let i = 0; i < 4; i += 1) statuses.push((await postEvent(sut.app, { content: `later ${i}` })).statusCode);

      expect(statuses).toEqual(Array(12).fill(200));
      expect(await seriesValue(sut, 'upstream_circuit_state', failing.url)).toBe(2);
      expect(await seriesValue(sut, 'upstream_circuit_state', healthy.url)).toBe(0);
      // Its circuit open, the failing upstream gets nothing more.
      expect(failing.requests.length).toBe(failingSeen);
      const summary = (await sut.app.inject({ method: 'GET', url: '/api/metrics/summary' })).json();
      expect(summary.statusPanels.backend.status).toBe('degraded');
      const byAddress = (rows: { upstream: string }[]) => Object.fromEntries(rows.map((row) => [row.upstream, row]));
      expect(byAddress(summary.upstreams)).toEqual({
        [failing.url]: expect.objectContaining({ state: 'open', served: 0, lastError: expect.objectContaining({ kind: 'connection' }) }),
        [healthy.url]: expect.objectContaining({ state: 'closed', served: 12, lastError: null }),
      });
    });
  });

  describe('DNS discovery (a headless Service)', () => {
    let dns: FakeDnsServer;
    let port: number;
    const NAME = 'koboldcpp-headless.llm.svc.cluster.local';
    const [FIRST, SECOND] = ['127.0.0.2', '127.0.0.3'];
    const at = (address: string) => `http://${address}:${port}`;

    beforeEach(async () => {
      dns = await FakeDnsServer.start();
      port = await freePort();
      upstreams = [await FakeUpstream.start({ host: FIRST, port }), await FakeUpstream.start({ host: SECOND, port })];
    });
    afterEach(() => dns.close());

    const start = () =>
      startTestApp({
        KOBOLDCPP_API_URL: `http://${NAME}:${port}`,
        UPSTREAM_DISCOVERY: 'dns',
        UPSTREAM_DNS_SERVERS: dns.address,
        UPSTREAM_DISCOVERY_INTERVAL_MS: '500',
      });
    const known = async () => ((await sut!.app.inject({ method: 'GET', url: '/api/metrics/summary' })).json().upstreams as { upstream: string; state: string }[]).map((u) => `${u.upstream} ${u.state}`);

    it('should follow backends joining and leaving without a restart; one that leaves finishes its event and gets no new work', async () => {
      const [first, second] = upstreams;
      dns.setRecords(NAME, { a: [FIRST], ttl: 5 });
      sut = await start();

      expect(await known()).toEqual([`${at(FIRST)} closed`]);
      expect((await postEvent(sut.app, { content: 'one backend' })).statusCode).toBe(200);
      expect(first.requests).toHaveLength(1);

      dns.setRecords(NAME, { a: [FIRST, SECOND], ttl: 5 });
      await until(async () => (await known()).length === 2);
      await Promise.all(Array.from({ length: 6 }, (_, i) => postEvent(sut!.app, { content: `two backends ${i}` })));
      expect(second.requests.length).toBeGreaterThan(0);

      // The slow event lands on either; that one then leaves the DNS answer while generating.
      for (const upstream of upstreams) upstream.enqueue(CHAT, { kind: 'delay', ms: 1_000, then: { kind: 'ok', text: 'finished after leaving' } });
      const seenBefore = upstreams.map((upstream) => upstream.requests.length);
      const slow = postEvent(sut.app, { content: 'slow' });
      await until(() => upstreams.some((upstream, i) => upstream.requests.length > seenBefore[i]));
      const leaving = upstreams.findIndex((upstream, i) => upstream.requests.length > seenBefore[i]);
      const [leaver, stayer] = leaving === 0 ? [first, second] : [second, first];
      const [leaverAddress, stayerAddress] = leaving === 0 ? [FIRST, SECOND] : [SECOND, FIRST];
      stayer.reset();
      const leaverSeen = leaver.requests.length;
      dns.setRecords(NAME, { a: [stayerAddress], ttl: 5 });
      await until(async () => (await known()).includes(`${at(leaverAddress)} leaving`));
      for (let i = 0; i < 4; i += 1) expect((await postEvent(sut.app, { content: `after ${i}` })).statusCode).toBe(200);

      expect((await slow).json()).toEqual({ completion: 'finished after leaving' });
      expect(leaver.requests).toHaveLength(leaverSeen);
      expect(stayer.requests).toHaveLength(4);
      expect(await known()).toEqual([`${at(stayerAddress)} closed`]);
      expect(await seriesValue(sut, 'upstream_slots', at(leaverAddress))).toBeUndefined();
      expect(await seriesValue(sut, 'upstream_slots', at(stayerAddress))).toBe(1);
    }, 15_000);

    it('should keep the last known backends while DNS fails, and answer no_upstream when the name has none', async () => {
      dns.setRecords(NAME, { a: [FIRST], ttl: 5 });
      sut = await start();

      dns.fail(NAME, 'servfail');
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect((await postEvent(sut.app, { content: 'still known' })).statusCode).toBe(200);

      dns.recover(NAME);
      dns.remove(NAME);
      await until(async () => (await known()).length === 0);
      const res = await postEvent(sut.app, { content: 'nobody' });

      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ ...errorBody.upstreamUnavailable, details: { reason: 'no_upstream' } });
    });
  });
});
