import { FakeUpstream } from '@ai-ticket/testing';
import { PrometheusServer } from './prometheus-server';
import { RunningService } from './running-service';

export const SCRAPED_TOKEN = 'scraped-token-0123456789abcdef';

export interface ScrapedService {
  service: RunningService;
  upstream: FakeUpstream;
  prometheus: PrometheusServer;
  /** POSTs one event (`{ content: 'hi' }` by default) with the given bearer token (the valid one by default; null: none); resolves with its status once the answer is read. */
  postEvent(token?: string | null, body?: object): Promise<number>;
  stop(): Promise<void>;
}

/**
 * A fresh service process against a fake upstream, scraped every second by a real Prometheus: what
 * an operator's Prometheus sees after a deploy.
 */
export async function startScrapedService(): Promise<ScrapedService> {
  const upstream = await FakeUpstream.start();
  let service: RunningService | undefined;
  try {
    service = await RunningService.start({
      KOBOLDCPP_API_URL: upstream.url,
      AI_TICKET_AUTH_TOKEN: `scraped=${SCRAPED_TOKEN}`,
      UPSTREAM_RETRY_BASE_MS: '1',
      UPSTREAM_RETRY_MAX_MS: '5',
      // Failures stay upstream failures (api_server_error) instead of opening the circuit mid-burst.
      UPSTREAM_CIRCUIT_THRESHOLD: '1000',
    });
    const prometheus = await PrometheusServer.start(new URL(service.url).host);
    const running = service;
    return {
      service,
      upstream,
      prometheus,
      postEvent: async (token: string | null = SCRAPED_TOKEN, body: object = { content: 'hi' }) => {
        const res = await fetch(`${running.url}/event`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
          body: JSON.stringify(body),
        });
        await res.arrayBuffer();
        return res.status;
      },
      stop: async () => {
        await prometheus.stop();
        await running.stop();
        await upstream.close();
      },
    };
  } catch (error) {
    await service?.stop();
    await upstream.close();
    throw error;
  }
}
