import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'ai-ticket:public-route';

/** Marks a route that never needs credentials (probes). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
