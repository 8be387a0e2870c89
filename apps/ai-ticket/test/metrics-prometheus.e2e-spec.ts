import { prometheusAvailable } from './support/prometheus-server';
import { startScrapedService, type ScrapedService } from './support/scraped-service';

if (!prometheusAvailable) console.warn('Skipping the Prometheus server test: prometheus is not installed (scripts/install-test-tools.sh installs it).');

const SERVER_PATHS = ['/v1/chat/completions', '/v1/completions', '/api/v1/generate'];

// Skipped only when the Prometheus server is missing (reason printed above).
(prometheusAvailable ? describe : describe.skip)('metrics scraped by a real Prometheus', () => {
  let sut: ScrapedService;

  beforeAll(async () => {
    sut = await startScrapedService();
  }, 60_000);
  afterAll(() => sut?.stop());

  it('should show the first burst of errors and successes after start-up in increase()', async () => {
    // The first scrape sees the service as it started: every known series at 0.
    await sut.prometheus.waitForScrapes(1);

    for (const path of SERVER_PATHS) sut.upstream.setDefault(path, { kind: 'status', status: 500 });
    const failed = await Promise.all(Array.from({ length: 10 }, () => sut.postEvent()));
    sut.upstream.reset();
    const succeeded = await Promise.all(Array.from({ length: 12 }, () => sut.postEvent()));
    const refused = await Promise.all(Array.from({ length: 5 }, () => sut.postEvent(null)));
    expect({ failed: new Set(failed), succeeded: new Set(succeeded), refused: new Set(refused) }).toEqual({
      failed: new Set([502]),
      succeeded: new Set([200]),
      refused: new Set([401]),
    });
    await sut.prometheus.waitForScrapes(2);

    const increase = async (selector: string) => (await sut.prometheus.query(`sum(increase(${selector}[5m]))`))[0]?.value ?? 0;
    // increase() extrapolates to the window's end, so it may read a little above the true count, never below.
    expect(await increase('ai_ticket_events_total{outcome="error", error_code="api_server_error"}')).toBeGreaterThanOrEqual(10);
    expect(await increase('ai_ticket_events_total{outcome="success"}')).toBeGreaterThanOrEqual(12);
    expect(await increase('ai_ticket_events_total{outcome="error", error_code="unauthorised"}')).toBeGreaterThanOrEqual(5);
    expect(await increase('ai_ticket_auth_failures_total{reason="missing"}')).toBeGreaterThanOrEqual(5);
    expect(await increase('ai_ticket_upstream_retries_total{reason="server"}')).toBeGreaterThan(0);
    // The HTTP series of the raw Fastify /event route carry the route template, like Nest's routes.
    expect(await increase('ai_ticket_http_requests_total{route="/event", status_code="502"}')).toBeGreaterThanOrEqual(10);
  }, 60_000);
});
