import type { HandoverResult } from './handover';
import type { ThroughputResult } from './throughput';

/**
 * What fails the bench. With Redis slots every answer must be a 200 and no fake may be asked for a
 * second generation at once: the fakes have one slot, so such a request is refused with the busy 503
 * (counted as a busy refusal) rather than run, and the refusal is the overbooking signal that the
 * fake's concurrency high-water mark, capped at 1 by that same slot, cannot give. Local slots over
 * several replicas overbook by design: there the refusals are reported, not failed.
 */
export function fleetFailures(handover: readonly HandoverResult[], throughput: readonly ThroughputResult[]): string[] {
  const failures: string[] = [];
  for (const run of handover) {
    const what = `hand-over, ${run.slots} slots, ${run.replicas} replica(s)`;
    failures.push(...answerFailures(what, run.statuses, run.errors, run.timeouts));
    if (run.gaps.overlaps > 0) failures.push(`${what}: ${run.gaps.overlaps} generation(s) overlapped on the fake's one slot`);
    if (run.fake.maxConcurrentGenerations > 1) failures.push(`${what}: ${run.fake.maxConcurrentGenerations} generations at once on a single-slot fake`);
    if (run.fake.busyRefusals > 0) failures.push(`${what}: the fake refused ${run.fake.busyRefusals} generation(s) as busy`);
  }
  for (const run of throughput.filter((result) => result.slots === 'redis')) {
    const what = `throughput, ${run.slots} slots`;
    failures.push(...answerFailures(what, run.statuses, run.errors, run.timeouts));
    run.fakes.forEach((fake, i) => {
      if (fake.maxConcurrentGenerations > 1) failures.push(`${what}: fake ${i + 1} ran ${fake.maxConcurrentGenerations} generations at once`);
      if (fake.busyRefusals > 0) failures.push(`${what}: fake ${i + 1} refused ${fake.busyRefusals} generation(s) as busy (a slot was overbooked)`);
    });
  }
  return failures;
}

function answerFailures(what: string, statuses: Readonly<Record<string, number>>, errors: number, timeouts: number): string[] {
  const failures: string[] = [];
  const bad = Object.entries(statuses).filter(([status]) => status !== '200');
  if (bad.length > 0) failures.push(`${what}: answers other than 200: ${JSON.stringify(Object.fromEntries(bad))}`);
  if (errors > 0 || timeouts > 0) failures.push(`${what}: ${errors} connection error(s), ${timeouts} timeout(s)`);
  if (!statuses['200']) failures.push(`${what}: no answer at all`);
  return failures;
}
