import type { ClientUsage } from '../api/usage';
import { estimatedText, rankByRequests, rankByTokens, topClients } from './top-clients';

const usage = (client: string, requests: number, promptTokens: number, completionTokens: number, estimatedRequests = 0): ClientUsage => ({
  client,
  requests,
  promptTokens,
  completionTokens,
  totalTokens: promptTokens + completionTokens,
  estimatedRequests,
});

// A few chatty clients with short prompts against one heavy batch job: the two rankings disagree.
const CLIENTS = [usage('chat', 40, 400, 600, 40), usage('batch', 2, 9_000, 3_000, 0), usage('ci', 10, 1_000, 500, 4)];

describe('ranking', () => {
  describe(rankByTokens.name, () => {
    it('should put the heaviest token user first', () => {
      expect(rankByTokens(CLIENTS).map((c) => c.client)).toEqual(['batch', 'ci', 'chat']);
    });

    it('should break ties by requests, then by name', () => {
      const tied = [usage('b', 1, 5, 5), usage('a', 1, 5, 5), usage('c', 3, 5, 5)];
      expect(rankByTokens(tied).map((c) => c.client)).toEqual(['c', 'a', 'b']);
    });

    it('should leave its input alone', () => {
      const input = [...CLIENTS];
      rankByTokens(input);
      expect(input).toEqual(CLIENTS);
    });
  });

  describe(rankByRequests.name, () => {
    it('should put the busiest client first, ties by tokens then name', () => {
      expect(rankByRequests(CLIENTS).map((c) => c.client)).toEqual(['chat', 'ci', 'batch']);
      expect(rankByRequests([usage('b', 2, 1, 1), usage('a', 2, 1, 1), usage('c', 2, 9, 9)]).map((c) => c.client)).toEqual(['c', 'a', 'b']);
    });
  });
});

describe(estimatedText.name, () => {
  it('should say none, all, or how many of the requests', () => {
    expect(estimatedText(0, 5, 'en-US')).toBe('none');
    expect(estimatedText(5, 5, 'en-US')).toBe('all');
    expect(estimatedText(2, 5, 'en-US')).toBe('2 of 5');
    expect(estimatedText(1_200, 3_000, 'en-US')).toBe('1,200 of 3,000');
  });
});

describe(topClients.name, () => {
  describe('by tokens', () => {
    it('should rank and format each row, with the split as bar segments of the heaviest total', () => {
      const [first, second] = topClients(CLIENTS, { locale: 'en-US' }).byTokens;
      expect(first).toMatchObject({ key: 'batch', rank: 1, client: 'batch', prompt: '9,000', completion: '3,000', total: '12,000', requests: '2', estimated: 'none' });
      expect(first.bar).toEqual({ prompt: 75, completion: 25 });
      expect(second).toMatchObject({ rank: 2, client: 'ci', total: '1,500', estimated: '4 of 10' });
      expect(second.bar.prompt + second.bar.completion).toBeCloseTo(12.5);
      expect(first.raw).toBe(CLIENTS[1]);
    });
  });

  describe('by requests', () => {
    it('should rank by requests with each client share of them', () => {
      const rows = topClients(CLIENTS, { locale: 'en-US' }).byRequests;
      expect(rows.map((r) => [r.rank, r.client, r.requests, r.share, r.estimated])).toEqual([
        [1, 'chat', '40', '76.9%', 'all'],
        [2, 'ci', '10', '19.2%', '4 of 10'],
        [3, 'batch', '2', '3.8%', 'none'],
      ]);
      expect(rows.map((r) => r.bar)).toEqual([100, 25, 5]);
    });
  });

  describe('totals and limits', () => {
    it('should total every client, even those past the limit', () => {
      const top = topClients(CLIENTS, { limit: 2 });
      expect(top.byTokens.map((r) => r.client)).toEqual(['batch', 'ci']);
      expect(top.byRequests.map((r) => r.client)).toEqual(['chat', 'ci']);
      expect(top.more).toBe(1);
      expect(top.totals).toEqual({ clients: 3, requests: 52, promptTokens: 10_400, completionTokens: 4_100, totalTokens: 14_500, estimatedRequests: 44 });
    });

    it('should give empty rankings for no clients', () => {
      expect(topClients([])).toMatchObject({ byTokens: [], byRequests: [], more: 0, totals: { clients: 0, requests: 0 } });
    });

    it('should draw no bar and no share when nothing was used', () => {
      const [row] = topClients([usage('idle', 0, 0, 0)]).byRequests;
      expect(row).toMatchObject({ share: '—', bar: 0 });
      expect(topClients([usage('idle', 0, 0, 0)]).byTokens[0].bar).toEqual({ prompt: 0, completion: 0 });
    });

    it('should show a client without a name as a dash', () => {
      expect(topClients([usage('', 1, 1, 1)]).byTokens[0]).toMatchObject({ key: '', client: '—' });
    });
  });
});
