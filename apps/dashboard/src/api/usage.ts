/**
 * The per-client token usage `GET /api/usage` answers, and a defensive parser like the snapshot's: a
 * missing or odd field reads as 0 rather than breaking the Top clients panel.
 */

export interface ClientUsage {
  client: string;
  /** Events that reached the upstream (answered or failed). */
  requests: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Events whose token counts are estimates (no `usage` from the upstream). */
  estimatedRequests: number;
}

export interface UsageReport {
  /** ISO 8601, whole hours as the server widened them: `from` included, `to` excluded. */
  from: string;
  to: string;
  clients: ClientUsage[];
}

export class UsageParseError extends Error {
  override readonly name = 'UsageParseError';
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);

function clientUsage(raw: Obj): ClientUsage {
  const promptTokens = count(raw.promptTokens);
  const completionTokens = count(raw.completionTokens);
  return {
    client: typeof raw.client === 'string' ? raw.client : '',
    requests: count(raw.requests),
    promptTokens,
    completionTokens,
    // An older or partial answer without a total still ranks by what it did send.
    totalTokens: typeof raw.totalTokens === 'number' ? count(raw.totalTokens) : promptTokens + completionTokens,
    estimatedRequests: count(raw.estimatedRequests),
  };
}

/** Only a body that is not an object, or has no readable range, is refused: without a range the panel cannot say what it shows. */
export function parseUsageReport(raw: unknown): UsageReport {
  if (!isObj(raw)) throw new UsageParseError('usage report is not an object');
  const { from, to } = raw;
  if (typeof from !== 'string' || typeof to !== 'string' || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) {
    throw new UsageParseError('usage report has no valid range');
  }
  return { from, to, clients: Array.isArray(raw.clients) ? raw.clients.filter(isObj).map(clientUsage) : [] };
}
