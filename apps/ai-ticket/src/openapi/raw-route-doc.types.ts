import type { Type } from '@nestjs/common';

/**
 * How a route registered on Fastify directly (outside Nest's router, which @nestjs/swagger scans) is
 * described in the OpenAPI document: its DTOs and error shape. The spec in openapi/ checks that every
 * served route is documented and every documented route is served.
 */
export interface RawRouteDoc {
  method: 'get' | 'post';
  path: string;
  summary: string;
  tag: string;
  request?: Type;
  response: Type;
  /** The DTO of each `data:` event when the route answers `text/event-stream` (with `stream: true`). */
  streamEvent?: Type;
  /** Schemas the DTOs refer to by `$ref` only (in a `oneOf`), which the scanner does not reach. */
  extraModels?: Type[];
  /** `openai`: OpenAI's error shape and statuses; `contract`: our `{error, message, details?}`. */
  errors: 'openai' | 'contract';
}
