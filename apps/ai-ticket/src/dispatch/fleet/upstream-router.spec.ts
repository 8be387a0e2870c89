import { Upstream } from './upstream';
import { UpstreamRouter } from './upstream-router';

const upstream = (name: string) =>
  new Upstream({ url: `http://${name}:5001`, slots: 1 }, { circuitThreshold: 1, circuitCooldownMs: 60_000, onCircuitChange: () => undefined });

describe(UpstreamRouter.name, () => {
  const [a, b, c] = [upstream('a'), upstream('b'), upstream('c')];
  let sut: UpstreamRouter;
  beforeEach(() => {
    sut = new UpstreamRouter();
  });
  afterAll(() => Promise.all([a, b, c].map((member) => member.http.destroy())));

  it('should turn the order by one at every choice, so ties go round-robin', () => {
    const firsts = Array.from({ length: 6 }, () => sut.candidates([a, b, c])[0].key);

    expect(new Set(firsts.slice(0, 3)).size).toBe(3);
    expect(firsts.slice(3)).toEqual(firsts.slice(0, 3));
  });

  it('should leave out upstreams that take no work: leaving, or with an open circuit', () => {
    const leaving = upstream('leaving');
    leaving.retiring = true;
    const open = upstream('open');
    open.breaker.failed(open.breaker.enter());

    expect(sut.candidates([leaving, open, a])).toEqual([a]);
    return Promise.all([leaving, open].map((member) => member.http.destroy()));
  });

  it('should avoid the upstreams an event failed on while another takes work, and use them when none does', () => {
    expect(sut.candidates([a, b], new Set([a]))).toEqual([b]);
    expect(sut.candidates([a, b], new Set([a, b])).sort((x, y) => x.key.localeCompare(y.key))).toEqual([a, b]);
  });
});
