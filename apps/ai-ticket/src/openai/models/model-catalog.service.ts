import { Injectable, Logger } from '@nestjs/common';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import { UpstreamPool } from '../../dispatch/fleet/upstream-pool';
import type { Upstream } from '../../dispatch/fleet/upstream';
import { modelsOfKoboldModel, modelsOfOpenAiList, type ModelEntry } from './model-list.util';

/** Long enough to spare the upstreams a lookup per call, short enough to notice a model swap soon. */
const CACHE_MS = 10_000;
const LOOKUP_TIMEOUT_MS = 3_000;

/**
 * What `GET /v1/models` lists: the models the fleet's upstreams serve, read from their `/v1/models`
 * (or KoboldAI's `/api/v1/model`), merged by id and cached briefly. Concurrent callers share one lookup.
 */
@Injectable()
export class ModelCatalog {
  private readonly logger = new Logger(ModelCatalog.name);
  private cached: { models: ModelEntry[]; until: number } | undefined;
  private pending: Promise<ModelEntry[]> | undefined;

  constructor(private readonly pool: UpstreamPool) {}

  async list(): Promise<ModelEntry[]> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.models;
    this.pending ??= this.lookUp().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async lookUp(): Promise<ModelEntry[]> {
    const lists = await Promise.all(this.pool.active.filter((upstream) => upstream.acceptsWork).map((upstream) => this.modelsAt(upstream)));
    const byId = new Map<string, ModelEntry>();
    for (const model of lists.flat()) if (!byId.has(model.id)) byId.set(model.id, model);
    if (byId.size === 0) {
      throw new AppException(ErrorCode.UpstreamUnavailable, 'No upstream answered with its models; try again shortly.', { retryAfterSeconds: 1 });
    }
    const models = [...byId.values()];
    this.cached = { models, until: Date.now() + CACHE_MS };
    return models;
  }

  private async modelsAt(upstream: Upstream): Promise<ModelEntry[]> {
    const now = Math.floor(Date.now() / 1000);
    try {
      const openAi = modelsOfOpenAiList(await upstream.http.getJson('/v1/models', LOOKUP_TIMEOUT_MS), now);
      return openAi ?? modelsOfKoboldModel(await upstream.http.getJson('/api/v1/model', LOOKUP_TIMEOUT_MS), now) ?? [];
    } catch (error) {
      this.logger.warn({ msg: 'Model lookup failed', upstream: upstream.key, err: error });
      return [];
    }
  }
}
