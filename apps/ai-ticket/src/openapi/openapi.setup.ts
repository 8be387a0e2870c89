import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument } from './openapi-document.factory';

/**
 * Serves the OpenAPI document at `GET /openapi.json` and Swagger UI at `/docs`, both public (they hold
 * no data). The document is built on the first request, not at boot, so start-up does not pay for it.
 */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'openapi.json', raw: ['json'], customSiteTitle: 'AI Ticket API' });
}
