import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { EVENT_ROUTE_DOC } from '../dispatch/event.route-doc';
import { OpenAiErrorDto } from '../openai/dto/openai-error.dto';
import { OPENAI_ROUTE_DOCS } from '../openai/openai.route-docs';
import { ErrorBodyDto } from './error-body.dto';
import { errorResponses } from './error-responses.util';
import type { RawRouteDoc } from './raw-route-doc.types';

/** The version of the HTTP API the document describes (not the package's): bumped on a breaking change only. */
const API_VERSION = '1';

/** The routes registered on Fastify directly, which Nest's scanner cannot see. */
export const RAW_ROUTE_DOCS: readonly RawRouteDoc[] = [EVENT_ROUTE_DOC, ...OPENAI_ROUTE_DOCS];

/**
 * The OpenAPI document of the whole HTTP surface: the Nest controllers as @nestjs/swagger scans them,
 * plus the raw Fastify routes from their route docs; every schema comes from a DTO class.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('AI Ticket')
    .setDescription('Gateway for LLM inference events and the OpenAI-compatible API, in front of KoboldCPP.')
    .setVersion(API_VERSION)
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'apiKey')
    .build();
  const extraModels = [ErrorBodyDto, OpenAiErrorDto, ...RAW_ROUTE_DOCS.flatMap((doc) => [doc.request, doc.response, doc.streamEvent, ...(doc.extraModels ?? [])].filter((type) => type !== undefined))];
  const document = SwaggerModule.createDocument(app, config, { extraModels });
  for (const doc of RAW_ROUTE_DOCS) {
    document.paths[doc.path] = { ...document.paths[doc.path], [doc.method]: operationOf(doc) };
  }
  return document;
}

function operationOf(doc: RawRouteDoc) {
  const ok = { 'application/json': { schema: { $ref: getSchemaPath(doc.response) } } };
  const stream = doc.streamEvent
    ? { 'text/event-stream': { schema: { type: 'string' as const, description: `\`data:\` events, each a \`${doc.streamEvent.name}\` (${getSchemaPath(doc.streamEvent)}).` } } }
    : {};
  return {
    tags: [doc.tag],
    summary: doc.summary,
    security: [{ bearer: [] }, { apiKey: [] }],
    ...(doc.request ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: getSchemaPath(doc.request) } } } } } : {}),
    responses: { '200': { description: 'OK', content: { ...ok, ...stream } }, ...errorResponses(doc.errors) },
  };
}
