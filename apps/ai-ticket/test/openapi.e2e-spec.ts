import SwaggerParser from '@apidevtools/swagger-parser';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Ajv from 'ajv';
import type { OpenAPIV3 } from 'openapi-types';
import { useFakeUpstreamApp } from './support/fake-upstream-app';

type Document = OpenAPIV3.Document;
const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;

/**
 * Every `METHOD /path` Fastify serves (HEAD twins of GET routes left out), rebuilt from its radix tree:
 * each line is a path segment whose depth is its indentation (4 columns a level), e.g. `/health` + `z`.
 */
function servedRoutes(app: NestFastifyApplication): Set<string> {
  const tree = app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const routes = new Set<string>();
  const prefixes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^(.*?)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    prefixes[depth] = match[2];
    prefixes.length = depth + 1;
    const path = prefixes.join('');
    for (const method of (match[3] ?? '').split(', ')) if (method !== '' && method !== 'HEAD') routes.add(`${method} ${path}`);
  }
  return routes;
}

/** Static assets and the documents themselves: served, but not API operations. */
const NOT_OPERATIONS = [/^GET \/docs/, /^GET \/dashboard/, /^GET \/openapi\.json$/];

describe('OpenAPI document', () => {
  const fixture = useFakeUpstreamApp({ RATE_LIMIT_REQUESTS: '0' });
  let app: NestFastifyApplication;
  let document: Document;

  beforeEach(async () => {
    app = await fixture.start({});
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    document = res.json();
  });

  it('should pass a real OpenAPI validator', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('should render the document for people at /docs', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs' });

    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  it('should document every route the service serves, and serve every documented one', () => {
    const documented = new Set(Object.entries(document.paths).flatMap(([path, item]) => METHODS.filter((m) => item?.[m]).map((m) => `${m.toUpperCase()} ${path}`)));
    const served = [...servedRoutes(app)].filter((route) => !NOT_OPERATIONS.some((pattern) => pattern.test(route)));

    expect(served.filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !served.includes(route))).toEqual([]);
  });

  it('should list every error code with its status', () => {
    const responses = document.paths['/event']?.post?.responses ?? {};
    const text = JSON.stringify(responses);

    expect(Object.keys(responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '413', '422', '429', '500', '502', '503', '504']));
    expect(text).toContain('`upstream_timeout`');
    expect(Object.keys(document.paths['/v1/chat/completions']?.post?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403', '404', '429', '500', '503']);
  });

  describe('contract: real responses match the schemas', () => {
    let validate: (schemaName: string, body: unknown) => string[];

    beforeEach(async () => {
      const resolved = (await SwaggerParser.dereference(structuredClone(document) as never)) as Document;
      // OpenAPI 3.0 schemas are JSON Schema plus `nullable` and `example`; Ajv understands `nullable`.
      const ajv = new Ajv({ strict: false, allErrors: true });
      validate = (schemaName, body) => {
        const schema = resolved.components?.schemas?.[schemaName];
        if (!schema) throw new Error(`no schema ${schemaName}`);
        const check = ajv.compile({ ...schema, additionalProperties: false });
        return check(body) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
      };
    });

    const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

    it.each([
      ['/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'hi' }] }, 'ChatCompletionDto'],
      ['/v1/completions', { model: 'm', prompt: 'hi' }, 'TextCompletionDto'],
      ['/event', { content: 'hi' }, 'EventAnswerDto'],
      ['/v1/chat/completions', { model: 'm', messages: [{ role: 'wizard', content: 'hi' }] }, 'OpenAiErrorDto'],
      ['/event', { content: 'hi', nope: 1 }, 'ErrorBodyDto'],
    ])('POST %s %j should answer a %s', async (url, payload, schemaName) => {
      const res = await post(url, payload);

      expect(validate(schemaName, res.json())).toEqual([]);
    });

    it.each([
      ['/v1/models', 'ModelListDto'],
      ['/health', 'HealthStatusDto'],
      ['/healthz', 'LivenessDto'],
      ['/readyz', 'ReadinessDto'],
    ])('GET %s should answer a %s', async (url, schemaName) => {
      const res = await app.inject({ method: 'GET', url });

      expect(validate(schemaName, res.json())).toEqual([]);
    });

    it('should validate the request bodies the SDK tests send', () => {
      expect(validate('ChatCompletionRequestDto', { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }], stop: ['a'], stream: true, stream_options: { include_usage: true } })).toEqual([]);
    });
  });
});
