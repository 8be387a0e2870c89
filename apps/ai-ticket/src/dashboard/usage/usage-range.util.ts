import { AppException, ErrorCode } from '@ai-ticket/errors';

const HOUR_MS = 3_600_000;
const DEFAULT_RANGE_MS = 24 * HOUR_MS;
const MAX_RANGE_MS = 366 * 24 * HOUR_MS;

export type UsageFormat = 'json' | 'csv';

export interface UsageRange {
  /** Epoch ms, the start of an hour (included). */
  from: number;
  /** Epoch ms, the start of an hour (excluded). */
  to: number;
}

/**
 * The hours a usage query covers: `from` rounded down and `to` rounded up to whole hours (usage is kept
 * per hour); the last 24 hours when absent. Each bound is an ISO 8601 time or epoch milliseconds.
 */
export function usageRangeOf(query: { from?: string; to?: string }, now: number): UsageRange {
  const toMs = query.to === undefined ? now : instantOf('to', query.to);
  const fromMs = query.from === undefined ? toMs - DEFAULT_RANGE_MS : instantOf('from', query.from);
  const from = fromMs - (((fromMs % HOUR_MS) + HOUR_MS) % HOUR_MS);
  const to = Math.ceil(toMs / HOUR_MS) * HOUR_MS;
  if (to <= from) throw invalid('`from` must be before `to`.', 'from');
  if (to - from > MAX_RANGE_MS) throw invalid('The range may cover at most 366 days.', 'from');
  return { from, to: to === from ? from + HOUR_MS : to };
}

/** `json` (default) or `csv`. */
export function usageFormatOf(format: string | undefined): UsageFormat {
  if (format === undefined || format === 'json' || format === 'csv') return format ?? 'json';
  throw invalid('`format` must be `json` or `csv`.', 'format');
}

function instantOf(field: 'from' | 'to', value: string): number {
  const ms = /^\d{1,15}$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw invalid(`\`${field}\` must be an ISO 8601 time or epoch milliseconds.`, field);
  return ms;
}

function invalid(message: string, field: string): AppException {
  return new AppException(ErrorCode.InvalidRequest, message, { details: { field } });
}
