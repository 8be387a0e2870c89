import { SetMetadata } from '@nestjs/common';

export const METRICS_ROUTE = 'ai-ticket:metrics-route';

/** The Prometheus scrape route: public unless `METRICS_REQUIRE_AUTH=true` (the auth guard decides). */
export const MetricsRoute = () => SetMetadata(METRICS_ROUTE, true);
