import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prometheusAvailable } from './support/prometheus-server';
import { startScrapedService, type ScrapedService } from './support/scraped-service';

if (!prometheusAvailable) console.warn('Skipping the Grafana dashboard queries: prometheus is not installed (scripts/install-test-tools.sh installs it).');

type Panel = { type: string; title: string; targets?: { expr: string }[] };
const dashboard = JSON.parse(readFileSync(join(__dirname, '../../../charts/ai-ticket/dashboards/ai-ticket.json'), 'utf8')) as { panels: Panel[] };
const panels = dashboard.panels.filter((panel) => panel.type !== 'row');

/** What Grafana substitutes before it sends a query: every job, and a window holding several 1 s scrapes. */
const asGrafanaSends = (expr: string) => expr.replaceAll('$job', '.+').replaceAll('$__rate_interval', '1m');

// Skipped only when the Prometheus server is missing (reason printed above).
(prometheusAvailable ? describe : describe.skip)('Grafana dashboard against a real Prometheus', () => {
  let sut: ScrapedService;

  beforeAll(async () => {
    sut = await startScrapedService();
    await sut.prometheus.waitForScrapes(1);
    // Upstream failures (with their retries), successes, refused credentials and a stream: every panel's series.
    for (const path of ['/v1/chat/completions', '/v1/completions', '/api/v1/generate']) sut.upstream.setDefault(path, { kind: 'status', status: 500 });
    await Promise.all(Array.from({ length: 3 }, () => sut.postEvent()));
    sut.upstream.reset();
    await Promise.all(Array.from({ length: 5 }, () => sut.postEvent()));
    await Promise.all([sut.postEvent(null), sut.postEvent('not-a-token-0123456789abcdef')]);
    sut.upstream.enqueue('/v1/chat/completions', { kind: 'stream', tokens: ['Hel', 'lo'] });
    expect(await sut.postEvent(undefined, { content: 'hi', stream: true })).toBe(200);
    await sut.prometheus.waitForScrapes(3);
  }, 90_000);
  afterAll(() => sut?.stop());

  it.each(panels.map((panel) => [panel.title, panel] as const))('should answer the queries of "%s" without error, with data', async (_title, panel) => {
    for (const { expr } of panel.targets ?? []) {
      const samples = await sut.prometheus.query(asGrafanaSends(expr));

      expect({ expr, hasData: samples.length > 0 }).toEqual({ expr, hasData: true });
    }
  });
});
