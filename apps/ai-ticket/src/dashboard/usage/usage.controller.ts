import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SessionAllowed } from '../../auth/session/session-allowed.decorator';
import type { ClientUsage } from '../../metrics/history/client-usage.util';
import { EventHistoryStore } from '../../metrics/history/event-history.store';
import { usageCsv } from './usage-csv.util';
import { usageFormatOf, usageRangeOf } from './usage-range.util';

export interface UsageReport {
  /** ISO 8601, whole hours: `from` included, `to` excluded. */
  from: string;
  to: string;
  clients: ClientUsage[];
}

/** `GET /api/usage`: token usage per client from the event history (every replica sharing it agrees). */
@Controller('api/usage')
export class UsageController {
  constructor(private readonly history: EventHistoryStore) {}

  @Get()
  @SessionAllowed()
  async usage(@Query() query: Record<string, string | undefined>, @Res({ passthrough: true }) reply: FastifyReply): Promise<UsageReport | string> {
    const format = usageFormatOf(query.format);
    const { from, to } = usageRangeOf(query, Date.now());
    const report: UsageReport = { from: new Date(from).toISOString(), to: new Date(to).toISOString(), clients: await this.history.usage({ from, to }) };
    if (format === 'json') return report;
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="usage-${report.from}-${report.to}.csv"`);
    return usageCsv(report.clients);
  }
}
