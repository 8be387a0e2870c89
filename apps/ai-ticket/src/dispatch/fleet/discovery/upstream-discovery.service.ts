import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, UpstreamConfig } from '@ai-ticket/config';
import type { UpstreamTarget } from '../upstream';
import { UpstreamPool } from '../upstream-pool';
import { DnsAddressResolver } from './dns-address.resolver';

/**
 * Tells the pool which upstreams exist. `static`: the configured URLs, once. `dns`: every address of
 * each URL's host (a headless Service answers one per ready pod), re-resolved every
 * `UPSTREAM_DISCOVERY_INTERVAL_MS`, so backends join and leave without a restart. A lookup that fails
 * without an answer keeps the last known addresses of that name; "no such name/records" empties it.
 */
@Injectable()
export class UpstreamDiscovery implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('UpstreamDiscovery');
  private readonly settings: UpstreamConfig;
  private readonly known = new Map<string, string[]>();
  private timer: NodeJS.Timeout | undefined;
  private failing = false;
  private stopped = false;

  constructor(
    private readonly pool: UpstreamPool,
    config: ConfigService<AppConfig, true>,
  ) {
    this.settings = config.get('upstream', { infer: true });
  }

  async onModuleInit(): Promise<void> {
    if (this.settings.discovery.mode === 'static') {
      this.pool.replace(this.settings.targets);
      return;
    }
    const resolver = new DnsAddressResolver(this.settings.discovery.dnsServers);
    // The first answer is awaited, so the service starts with its backends known when DNS answers.
    await this.refresh(resolver);
    this.schedule(resolver);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(resolver: DnsAddressResolver): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.refresh(resolver).finally(() => this.schedule(resolver)), this.settings.discovery.intervalMs);
    this.timer.unref();
  }

  private async refresh(resolver: DnsAddressResolver): Promise<void> {
    const targets: UpstreamTarget[] = [];
    let failed = false;
    for (const configured of this.settings.targets) {
      const url = new URL(configured.url);
      const addresses = await resolver.resolve(url.hostname);
      if (addresses === undefined) failed = true;
      else this.known.set(configured.url, addresses);
      for (const address of this.known.get(configured.url) ?? []) targets.push(targetAt(url, address, configured.slots));
    }
    this.report(failed, targets.length);
    if (!this.stopped) this.pool.replace(targets);
  }

  /** One log line when lookups start failing or find nothing, one when they recover. */
  private report(failed: boolean, found: number): void {
    const failing = failed || found === 0;
    if (failing === this.failing) return;
    this.failing = failing;
    if (failing) {
      this.logger.warn({
        msg: failed ? 'Upstream DNS lookup failed; keeping the last known backends' : 'Upstream DNS names have no addresses; no backend to send events to',
        names: this.settings.targets.map((target) => new URL(target.url).hostname),
      });
    } else {
      this.logger.log({ msg: 'Upstream DNS lookups answer again', backends: found });
    }
  }
}

/** The configured URL with its host replaced by one resolved address (TLS still checks the name). */
function targetAt(configured: URL, address: string, slots: number): UpstreamTarget {
  const url = new URL(configured.href);
  url.hostname = address.includes(':') ? `[${address}]` : address;
  return { url: url.href.replace(/\/+$/, ''), slots, ...(url.protocol === 'https:' ? { servername: configured.hostname } : {}) };
}
