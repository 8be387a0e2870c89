import type { Counter, Histogram } from 'prom-client';

type Labels<T extends string> = Partial<Record<T, string | number>>;

/**
 * Every combination of the given label values, e.g. `{ outcome: ['a'], code: ['x', 'y'] }` gives
 * `[{ outcome: 'a', code: 'x' }, { outcome: 'a', code: 'y' }]`.
 */
export function everyCombination<T extends string>(values: Record<T, readonly string[]>): Record<T, string>[] {
  return (Object.entries(values) as [T, readonly string[]][]).reduce<Record<T, string>[]>(
    (combinations, [name, options]) => combinations.flatMap((partial) => options.map((option) => ({ ...partial, [name]: option }))),
    [{} as Record<T, string>],
  );
}

/**
 * Creates each labelled series at 0. Prometheus' rate() and increase() need a sample before the first
 * increment: a series born at its first event shows its first burst as no increase at all.
 */
export function startAtZero<T extends string>(metric: Counter<T> | Histogram<T>, labelSets: readonly Labels<T>[]): void {
  for (const labels of labelSets) {
    if ('zero' in metric) metric.zero(labels);
    else metric.inc(labels, 0);
  }
}
