import type { FastifyReply, FastifyRequest } from 'fastify';
import { usageOf } from '../../metrics/events/event-usage';
import type { TokenBudget } from '../../rate-limit/budget/token-budget.service';
import { CallUsage } from './call-usage.service';

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

const request = () => ({ raw: {}, id: 'r' }) as unknown as FastifyRequest;
const reply = {} as FastifyReply;

describe(CallUsage.name, () => {
  // 40 characters: an estimated 10 prompt tokens.
  const generation = { prompt: 'x'.repeat(40), maxTokens: 8 };

  describe('admit', () => {
    it('should reserve the estimated prompt and max_tokens', async () => {
      const { budget } = budgetSpy();
      const sut = new CallUsage(budget);

      const call = await sut.admit(request(), reply, generation);

      expect(call).toEqual({ tally: { answered: false, characters: 0 }, ticket: expect.objectContaining({ reserved: 18 }), promptTokens: 10 });
    });
  });

  describe('settle', () => {
    it("should charge the upstream's usage when it reported one", async () => {
      const { budget, settled } = budgetSpy();
      const sut = new CallUsage(budget);
      const req = request();
      const call = await sut.admit(req, reply, generation);
      Object.assign(call.tally, { answered: true, characters: 400, usage: { promptTokens: 3, completionTokens: 4, totalTokens: 7 } });

      sut.settle(req, call);

      expect(settled).toEqual([{ promptTokens: 3, completionTokens: 4, source: 'upstream' }]);
      expect(usageOf(req.raw)).toEqual({ client: 'anonymous', usage: { promptTokens: 3, completionTokens: 4, estimated: false } });
    });

    it('should estimate from the characters that reached the caller otherwise', async () => {
      const { budget, settled } = budgetSpy();
      const sut = new CallUsage(budget);
      const req = request();
      const call = await sut.admit(req, reply, generation);
      Object.assign(call.tally, { answered: true, characters: 21 });

      sut.settle(req, call);

      expect(settled).toEqual([{ promptTokens: 10, completionTokens: 6, source: 'estimate' }]);
      expect(usageOf(req.raw)?.usage).toEqual({ promptTokens: 10, completionTokens: 6, estimated: true });
    });

    it('should charge nothing and record no usage when nothing was answered', async () => {
      const { budget, settled } = budgetSpy();
      const sut = new CallUsage(budget);
      const req = request();
      const call = await sut.admit(req, reply, generation);

      sut.settle(req, call);

      expect(settled).toEqual([{ promptTokens: 0, completionTokens: 0, source: 'estimate' }]);
      expect(usageOf(req.raw)).toEqual({ client: 'anonymous', usage: undefined });
    });
  });
});
