import { AppException } from '@ai-ticket/errors';
import type { UpstreamPool } from '../../dispatch/fleet/upstream-pool';
import { ModelCatalog } from './model-catalog.service';

/** An upstream whose discovery routes answer from `answers` (by path), counting the lookups. */
function upstreamAnswering(answers: Record<string, unknown>, acceptsWork = true) {
  const calls: string[] = [];
  return {
    calls,
    upstream: { key: 'u', acceptsWork, http: { getJson: (path: string) => (calls.push(path), Promise.resolve(answers[path])) } },
  };
}

const poolOf = (...upstreams: unknown[]) => ({ active: upstreams }) as unknown as UpstreamPool;
const list = (...ids: string[]) => ({ object: 'list', data: ids.map((id) => ({ id, created: 1, owned_by: 'o' })) });

describe(ModelCatalog.name, () => {
  describe('list', () => {
    it('should merge the models of every upstream that takes work, first entry of an id winning', async () => {
      const a = upstreamAnswering({ '/v1/models': list('llama', 'mistral') });
      const b = upstreamAnswering({ '/v1/models': list('llama', 'qwen') });
      const down = upstreamAnswering({ '/v1/models': list('hidden') }, false);
      const sut = new ModelCatalog(poolOf(a.upstream, b.upstream, down.upstream));

      expect((await sut.list()).map((model) => model.id)).toEqual(['llama', 'mistral', 'qwen']);
      expect(down.calls).toEqual([]);
    });

    it("should fall back to KoboldAI's model name", async () => {
      const kobold = upstreamAnswering({ '/api/v1/model': { result: 'koboldcpp/x' } });
      const sut = new ModelCatalog(poolOf(kobold.upstream));

      expect((await sut.list()).map((model) => model.id)).toEqual(['koboldcpp/x']);
      expect(kobold.calls).toEqual(['/v1/models', '/api/v1/model']);
    });

    it('should share one lookup between concurrent callers and cache its answer', async () => {
      const a = upstreamAnswering({ '/v1/models': list('llama') });
      const sut = new ModelCatalog(poolOf(a.upstream));

      await Promise.all([sut.list(), sut.list(), sut.list()]);
      await sut.list();

      expect(a.calls).toEqual(['/v1/models']);
    });

    it('should refuse with upstream_unavailable, and not cache, when no upstream names a model', async () => {
      const silent = upstreamAnswering({});
      const sut = new ModelCatalog(poolOf(silent.upstream));

      await expect(sut.list()).rejects.toBeInstanceOf(AppException);
      await expect(sut.list()).rejects.toMatchObject({ code: 'upstream_unavailable' });
      expect(silent.calls).toHaveLength(4);
    });
  });
});
