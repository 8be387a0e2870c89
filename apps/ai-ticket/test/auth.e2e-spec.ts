import { createHash } from 'node:crypto';
import { errorBody } from '@ai-ticket/testing';
import { K8sSecretDir } from './support/k8s-secret-dir';
import { useFakeUpstreamApp } from './support/fake-upstream-app';
import { postEvent } from './support/test-app';

const ALPHA = 'alpha-token-0123456789abcdef';
const BRAVO = 'bravo-token-0123456789abcdef';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('authentication', () => {
  const fixture = useFakeUpstreamApp();
  const start = (env: Record<string, string>) => fixture.start(env);

  describe('with no token configured', () => {
    it('should leave the API open', async () => {
      const app = await start({});

      expect((await postEvent(app, { content: 'hi' })).statusCode).toBe(200);
    });

    it('should refuse to start when AUTH_REQUIRED is true', async () => {
      await expect(start({ AUTH_REQUIRED: 'true' })).rejects.toThrow(/AUTH_REQUIRED/);
    });
  });

  describe('with tokens from AI_TICKET_AUTH_TOKEN', () => {
    it('should answer 401 with WWW-Authenticate when credentials are missing', async () => {
      const app = await start({ AI_TICKET_AUTH_TOKEN: `${ALPHA},ci=${BRAVO}` });

      const res = await postEvent(app, { content: 'hi' });

      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual(errorBody.unauthorised);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(fixture.upstream.requests).toHaveLength(0);
    });

    it('should answer 403 for a wrong token, without echoing it', async () => {
      const app = await start({ AI_TICKET_AUTH_TOKEN: ALPHA });

      const res = await postEvent(app, { content: 'hi' }, { authorization: 'Bearer wrong-token-guess-12345' });

      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual(errorBody.forbidden);
      expect(res.body).not.toContain('wrong-token-guess-12345');
    });

    it.each([
      ['Authorization: Bearer', (token: string) => ({ authorization: `Bearer ${token}` })],
      ['X-API-Key', (token: string) => ({ 'x-api-key': token })],
    ])('should accept a valid token sent as %s', async (_how, headers) => {
      const app = await start({ AI_TICKET_AUTH_TOKEN: `${ALPHA},ci=${BRAVO}` });

      expect((await postEvent(app, { content: 'hi' }, headers(ALPHA))).statusCode).toBe(200);
      expect((await postEvent(app, { content: 'hi' }, headers(BRAVO))).statusCode).toBe(200);
    });

    it('should treat another Authorization scheme as missing credentials', async () => {
      const app = await start({ AI_TICKET_AUTH_TOKEN: ALPHA });

      const res = await postEvent(app, { content: 'hi' }, { authorization: `Basic ${Buffer.from(`u:${ALPHA}`).toString('base64')}` });

      expect(res.statusCode).toBe(401);
    });

    it.each(['/health', '/healthz', '/readyz'])('should not protect %s', async (url) => {
      const app = await start({ AI_TICKET_AUTH_TOKEN: ALPHA });

      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200);
    });
  });

  describe('with a token file', () => {
    let secret: K8sSecretDir;
    afterEach(() => secret.remove());

    it('should accept plaintext and sha256 lines, ignoring comments and blank lines', async () => {
      secret = new K8sSecretDir(`# CI systems\n\nci=${ALPHA}\nnightly=sha256:${sha256(BRAVO)}\n`);
      const app = await start({ AI_TICKET_AUTH_TOKEN_FILE: secret.file });

      expect((await postEvent(app, { content: 'hi' }, { 'x-api-key': ALPHA })).statusCode).toBe(200);
      expect((await postEvent(app, { content: 'hi' }, { 'x-api-key': BRAVO })).statusCode).toBe(200);
      expect((await postEvent(app, { content: 'hi' }, { 'x-api-key': `sha256:${sha256(BRAVO)}` })).statusCode).toBe(403);
    });

    it('should pick up a rotation by ..data symlink swap without a restart', async () => {
      secret = new K8sSecretDir(`ci=${ALPHA}\n`);
      const app = await start({ AI_TICKET_AUTH_TOKEN_FILE: secret.file, AI_TICKET_AUTH_TOKEN_RELOAD_INTERVAL: '1' });
      expect((await postEvent(app, { content: 'hi' }, { 'x-api-key': ALPHA })).statusCode).toBe(200);

      secret.update(`ci=${BRAVO}\n`);
      await eventually(async () => (await postEvent(app, { content: 'hi' }, { 'x-api-key': BRAVO })).statusCode === 200);

      expect((await postEvent(app, { content: 'hi' }, { 'x-api-key': ALPHA })).statusCode).toBe(403);
    });

    it('should keep the last good tokens when the file disappears', async () => {
      secret = new K8sSecretDir(`ci=${ALPHA}\n`);
      const app = await start({ AI_TICKET_AUTH_TOKEN_FILE: secret.file, AI_TICKET_AUTH_TOKEN_RELOAD_INTERVAL: '1' });

      secret.breakLink();
      await new Promise((resolve) => setTimeout(resolve, 1300));

      expect((await postEvent(app, { content: 'hi' }, { 'x-api-key': ALPHA })).statusCode).toBe(200);
      expect((await postEvent(app, { content: 'hi' })).statusCode).toBe(401);
    });

    it('should keep the gate closed when the file is missing at start-up', async () => {
      secret = new K8sSecretDir('');
      const app = await start({ AI_TICKET_AUTH_TOKEN_FILE: `${secret.dir}/no-such-file` });

      expect((await postEvent(app, { content: 'hi' })).statusCode).toBe(401);
      expect((await postEvent(app, { content: 'hi' }, { 'x-api-key': ALPHA })).statusCode).toBe(403);
    });
  });
});

async function eventually(check: () => Promise<boolean>, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
