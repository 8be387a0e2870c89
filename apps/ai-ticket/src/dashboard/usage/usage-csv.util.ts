import type { ClientUsage } from '../../metrics/history/client-usage.util';

const HEADER = 'client,requests,prompt_tokens,completion_tokens,total_tokens,estimated_requests';

/** Usage as CSV (RFC 4180): one line per client, the heaviest first. */
export function usageCsv(clients: readonly ClientUsage[]): string {
  const lines = clients.map((c) => [quoted(c.client), c.requests, c.promptTokens, c.completionTokens, c.totalTokens, c.estimatedRequests].join(','));
  return [HEADER, ...lines].join('\r\n') + '\r\n';
}

/** Client names are letters, digits and `._-` today; quote anyway, so a future name cannot break a row. */
function quoted(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
