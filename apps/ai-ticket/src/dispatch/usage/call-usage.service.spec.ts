import type { FastifyReply, FastifyRequest } from 'fastify';
import { LifecycleService } from '../../health/lifecycle.service';
import { usageOf } from '../../metrics/events/event-usage';
import type { TokenBudget } from '../../rate-limit/budget/token-budget.service';
import { CallUsage } from './call-usage.service';
import type { CountedTokens, TokenCounting } from './tokencount/token-counting.service';
import type { UpstreamTokenCounter } from './tokencount/upstream-token-counter';

function budgetSpy() {
  const settled: unknown[] = [];
  const budget = {
    appliesTo: () => true,
    reservationFor: (prompt: number, max: number | undefined) => prompt + (max ?? 512),
    admit: (_request: unknown, _reply: unknown, tokens: number) => Promise.resolve({ key: 'k', window: { startsAt: 0, endsAt: 1 }, reserved: tokens }),
    settle: (_request: unknown, _ticket: unknown, usage: unknown) => settled.push(usage),
  };
  return { budget: budget as unknown as TokenBudget, settled };
}

/** A TokenCounting that answers `result` (undefined: cannot be asked) and records what it was asked. */
function countingStub(result: Promise<CountedTokens | undefined> | undefined, enabled = true) {
  const asked: unknown[] = [];
  const counting = {
    enabled,
    count: (tokenizer: unknown, prompt: string, completion: string) => {
      asked.push({ tokenizer, prompt, completion });
      return result;
    },
  };
  return { counting: counting as unknown as TokenCounting, asked };
}

const lifecycle = () => new LifecycleService();
const request = () => ({ raw: {}, id: 'r' }) as unknown as FastifyRequest;
const reply = {} as FastifyReply;
const tokenizer = {} as UpstreamTokenCounter;

describe(CallUsage.name, () => {
  // 40 characters: an estimated 10 prompt tokens.
  const generation = { prompt: 'x'.repeat(40), maxTokens: 8 };

  describe('admit', () => {
    it('should reserve the estimated prompt and max_tokens', async () => {
      const { budget } = budgetSpy();
      const sut = new CallUsage(budget, countingStub(undefined).counting, lifecycle());

      const call = await sut.admit(request(), reply, generation);

      expect(call).toEqual({ tally: { answered: false, characters: 0, text: '' }, ticket: expect.objectContaining({ reserved: 18 }), prompt: generation.prompt, promptTokens: 10 });
    });

    it('should not keep the answer text when tokencount is off', async () => {
      const { budget } = budgetSpy();
      const sut = new CallUsage(budget, countingStub(undefined, false).counting, lifecycle());

      const call = await sut.admit(request(), reply, generation);

      expect(call.tally.text).toBeUndefined();
    });
  });

  describe('settle', () => {
    it("should charge the upstream's usage when it reported one, without asking its tokenizer", async () => {
      const { budget, settled } = budgetSpy();
      const { counting, asked } = countingStub(Promise.resolve({ promptTokens: 1, completionTokens: 1 }));
      const sut = new CallUsage(budget, counting, lifecycle());
      const req = request();
      const call = await sut.admit(req, reply, generation);
      Object.assign(call.tally, { answered: true, characters: 400, usage: { promptTokens: 3, completionTokens: 4, totalTokens: 7 } });

      sut.settle(req, call);

      expect(asked).toEqual([]);
      expect(settled).toEqual([{ promptTokens: 3, completionTokens: 4, source: 'upstream' }]);
      expect(usageOf(req.raw)).toEqual({ client: 'anonymous', usage: { promptTokens: 3, completionTokens: 4, estimated: false } });
    });

    it("should charge the upstream tokenizer's counts, once they are in, when the answer had no usage", async () => {
      const { budget, settled } = budgetSpy();
      const { counting, asked } = countingStub(Promise.resolve({ promptTokens: 13, completionTokens: 7 }));
      const sut = new CallUsage(budget, counting, lifecycle());
      const req = request();
      const call = await sut.admit(req, reply, generation);
      Object.assign(call.tally, { answered: true, characters: 21, text: 'y'.repeat(21), tokenizer });

      sut.settle(req, call);

      expect(asked).toEqual([{ tokenizer, prompt: generation.prompt, completion: 'y'.repeat(21) }]);
      expect(settled).toEqual([]);
      expect(usageOf(req.raw)?.usage).toBeUndefined();
      await expect(usageOf(req.raw)?.counting).resolves.toEqual({ promptTokens: 13, completionTokens: 7, estimated: false });
      expect(settled).toEqual([{ promptTokens: 13, completionTokens: 7, source: 'tokencount' }]);
    });

    it('should hold a graceful shutdown until the count is charged', async () => {
      const { budget, settled } = budgetSpy();
      let answer: (counts: CountedTokens) => void = () => undefined;
      const shutdown = lifecycle();
      const sut = new CallUsage(budget, countingStub(new Promise((resolve) => (answer = resolve))).counting, shutdown);
      const req = request();
      const call = await sut.admit(req, reply, generation);
      Object.assign(call.tally, { answered: true, characters: 21, text: 'y'.repeat(21), tokenizer });

      sut.settle(req, call);
      const idle = shutdown.waitForIdle(1_000).then(() => settled.length);
      answer({ promptTokens: 1, completionTokens: 2 });

      expect(shutdown.inFlight).toBe(1);
      await expect(idle).resolves.toBe(1);
    });

    it('should estimate once the tokenizer could not count', async () => {
      const { budget, settled } = budgetSpy();
      const sut = new CallUsage(budget, countingStub(Promise.resolve(undefined)).counting, lifecycle());
      const req = request();
      const call = await sut.admit(req, reply, generation);
      Object.assign(call.tally, { answered: true, characters: 21, text: 'y'.repeat(21), tokenizer });

      sut.settle(req, call);

      await expect(usageOf(req.raw)?.counting).resolves.toEqual({ promptTokens: 10, completionTokens: 6, estimated: true });
      expect(settled).toEqual([{ promptTokens: 10, completionTokens: 6, source: 'estimate' }]);
    });

    it('should estimate from the characters that reached the caller at once when no tokenizer can be asked', async () => {
      const { budget, settled } = budgetSpy();
      const sut = new CallUsage(budget, countingStub(undefined).counting, lifecycle());
      const req = request();
      const call = await sut.admit(req, reply, generation);
      Object.assign(call.tally, { answered: true, characters: 21 });

      sut.settle(req, call);

      expect(settled).toEqual([{ promptTokens: 10, completionTokens: 6, source: 'estimate' }]);
      expect(usageOf(req.raw)).toEqual({ client: 'anonymous', usage: { promptTokens: 10, completionTokens: 6, estimated: true } });
    });

    it('should charge nothing and record no usage when nothing was answered', async () => {
      const { budget, settled } = budgetSpy();
      const { counting, asked } = countingStub(undefined);
      const sut = new CallUsage(budget, counting, lifecycle());
      const req = request();
      const call = await sut.admit(req, reply, generation);

      sut.settle(req, call);

      expect(asked).toEqual([]);
      expect(settled).toEqual([{ promptTokens: 0, completionTokens: 0, source: 'estimate' }]);
      expect(usageOf(req.raw)).toEqual({ client: 'anonymous', usage: undefined });
    });
  });
});
