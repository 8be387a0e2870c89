import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { SessionAllowed } from '../../auth/session/session-allowed.decorator';
import type { MetricsSnapshot } from './metrics-snapshot.types';
import { MetricsSummaryService } from './metrics-summary.service';

@Controller('api/metrics')
export class MetricsSummaryController {
  constructor(private readonly summary: MetricsSummaryService) {}

  /** The dashboard snapshot, computed from the history store. */
  @Get('summary')
  @SessionAllowed()
  @ApiOkResponse({ description: 'The dashboard snapshot (dashboard/summary/metrics-snapshot.types.ts).', schema: { type: 'object' } })
  snapshot(): Promise<MetricsSnapshot> {
    return this.summary.snapshot();
  }
}
