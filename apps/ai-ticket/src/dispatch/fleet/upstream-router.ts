import type { Upstream } from './upstream';

/**
 * The routing rule, in one place. An event may go to an upstream that takes work (not leaving, circuit
 * closed or ready for its probe) and that it has not already failed on; when it has failed on all of
 * them, to any that takes work. Among those the slots store takes the least busy, the earliest in this
 * order on ties; the order turns by one at every choice, so ties go round-robin.
 */
export class UpstreamRouter {
  private turn = 0;

  candidates(upstreams: readonly Upstream[], avoid?: ReadonlySet<Upstream>): Upstream[] {
    const eligible = upstreams.filter((upstream) => upstream.acceptsWork);
    const preferred = avoid && avoid.size > 0 ? eligible.filter((upstream) => !avoid.has(upstream)) : eligible;
    const chosen = preferred.length > 0 ? preferred : eligible;
    if (chosen.length < 2) return chosen;
    this.turn = (this.turn + 1) % chosen.length;
    return [...chosen.slice(this.turn), ...chosen.slice(0, this.turn)];
  }
}
