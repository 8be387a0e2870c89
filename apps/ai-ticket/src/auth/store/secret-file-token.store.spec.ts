import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { AppConfig, AuthConfig } from '@ai-ticket/config';
import { mkdir, mkdtemp, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretFileTokenStore } from './secret-file-token.store';

const ENV_TOKEN = 'env-token-0123456789abcdef';
const FILE_TOKEN = 'file-token-0123456789abcdef';
const ROTATED_TOKEN = 'rotated-token-0123456789abcdef';

function configFor(auth: Partial<AuthConfig>): ConfigService<AppConfig, true> {
  const settings: AuthConfig = { envTokens: [], reloadIntervalMs: 60_000, required: false, metricsRequireAuth: false, ...auth };
  return { get: (key: string) => (key === 'auth' ? settings : undefined) } as unknown as ConfigService<AppConfig, true>;
}

/** Replaces the file in one step, as a Secret mount or an editor's save does, so no read sees it half-written. */
async function replaceFile(file: string, text: string): Promise<void> {
  const staging = `${file}.staging`;
  await writeFile(staging, text);
  await rename(staging, file);
}

async function eventually(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function messagesOf(spy: jest.SpyInstance): string[] {
  return spy.mock.calls.map(([message]) => JSON.stringify(message));
}

describe(SecretFileTokenStore.name, () => {
  let sut: SecretFileTokenStore;
  let built: SecretFileTokenStore[];
  let dir: string;
  let file: string;
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ai-ticket-tokens-'));
    file = join(dir, 'tokens');
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    built = [];
  });

  /** Builds a store and remembers it, so afterEach can close its watcher and poller. */
  function build(auth: Partial<AuthConfig>): SecretFileTokenStore {
    const store = new SecretFileTokenStore(configFor(auth));
    built.push(store);
    return store;
  }

  afterEach(async () => {
    for (const store of built) store.onModuleDestroy();
    jest.useRealTimers();
    jest.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  describe('constructor', () => {
    it('should accept the environment tokens without a file', async () => {
      sut = build({ envTokens: [ENV_TOKEN, `ops=${FILE_TOKEN}`] });
      await sut.onModuleInit();

      expect(sut.enabled).toBe(true);
      expect(sut.size).toBe(2);
      expect(sut.authenticate(ENV_TOKEN)?.id).toMatch(/^token-[0-9a-f]{12}$/);
      expect(sut.authenticate(FILE_TOKEN)).toEqual({ id: 'ops' });
      expect(sut.authenticate('not-a-token-at-all')).toBeUndefined();
    });

    it('should refuse an unreadable item, naming its position but not its value', () => {
      const secret = 'sha256:deadbeef-secret-material';

      let message = '';
      try {
        build({ envTokens: [ENV_TOKEN, secret] });
      } catch (error) {
        message = (error as Error).message;
      }

      expect(message).toMatch(/AI_TICKET_AUTH_TOKEN .*position\(s\) 2$/);
      expect(message).not.toContain('deadbeef');
      expect(message).not.toContain(ENV_TOKEN);
    });

    it('should warn about short tokens without printing them', () => {
      sut = build({ envTokens: ['shorty'] });

      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ count: 1, source: 'AI_TICKET_AUTH_TOKEN' }));
      expect(messagesOf(warn).join('\n')).not.toContain('shorty');
    });
  });

  describe('enabled', () => {
    it('should be false only when no token source is configured', async () => {
      sut = build({});
      await sut.onModuleInit();

      expect(sut.enabled).toBe(false);
      expect(messagesOf(warn).join('\n')).toContain('AUTHENTICATION IS OFF');
    });
  });

  describe('onModuleInit', () => {
    it('should reject when tokens are required and none is configured', async () => {
      sut = build({ required: true });

      await expect(sut.onModuleInit()).rejects.toThrow(/AUTH_REQUIRED/);
    });

    it('should reject when tokens are required and the only source is a missing file', async () => {
      sut = build({ required: true, tokenFile: file });

      await expect(sut.onModuleInit()).rejects.toThrow(/AUTH_REQUIRED/);
    });

    it('should load the file alongside the environment tokens', async () => {
      await writeFile(file, `# rotated monthly\n\nci-bot=${FILE_TOKEN}\n`);
      sut = build({ envTokens: [ENV_TOKEN], tokenFile: file });

      await sut.onModuleInit();

      expect(sut.size).toBe(2);
      expect(sut.authenticate(FILE_TOKEN)).toEqual({ id: 'ci-bot' });
      expect(sut.authenticate(ENV_TOKEN)).toBeDefined();
      expect(sut.reloads).toBe(0);
    });

    it('should skip unreadable lines of the file, reporting their numbers but not their content', async () => {
      await writeFile(file, `${FILE_TOKEN}\nsha256:cafe-secret-material\n`);
      sut = build({ tokenFile: file });

      await sut.onModuleInit();

      expect(sut.authenticate(FILE_TOKEN)).toBeDefined();
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ lines: [2] }));
      expect(messagesOf(warn).join('\n')).not.toContain('cafe-secret');
    });

    it('should stay enabled with only the environment tokens when the file is missing at start', async () => {
      sut = build({ envTokens: [ENV_TOKEN], tokenFile: file });

      await sut.onModuleInit();

      expect(sut.enabled).toBe(true);
      expect(sut.size).toBe(1);
      expect(sut.authenticate(ENV_TOKEN)).toBeDefined();
    });

    it('should stay enabled and accept nothing when the only source is a missing file', async () => {
      sut = build({ tokenFile: file });

      await sut.onModuleInit();

      expect(sut.enabled).toBe(true);
      expect(sut.size).toBe(0);
      expect(sut.authenticate('')).toBeUndefined();
    });
  });

  describe('reload', () => {
    beforeEach(async () => {
      await writeFile(file, `ci-bot=${FILE_TOKEN}\n`);
      sut = build({ envTokens: [ENV_TOKEN], tokenFile: file });
      await sut.onModuleInit();
    });

    it('should pick up a rewritten file and count the reload', async () => {
      await replaceFile(file, `ci-bot=${ROTATED_TOKEN}\n`);

      await sut.reload();

      expect(sut.authenticate(ROTATED_TOKEN)).toEqual({ id: 'ci-bot' });
      expect(sut.authenticate(FILE_TOKEN)).toBeUndefined();
      expect(sut.authenticate(ENV_TOKEN)).toBeDefined();
      expect(sut.reloads).toBe(1);
    });

    it('should not count a reload when the content is unchanged', async () => {
      await replaceFile(file, `ci-bot=${FILE_TOKEN}\n`);

      await sut.reload();
      await sut.reload();

      expect(sut.reloads).toBe(0);
      expect(sut.authenticate(FILE_TOKEN)).toEqual({ id: 'ci-bot' });
    });

    it('should keep the last good tokens when the file is deleted, warning once', async () => {
      await unlink(file);

      await sut.reload();
      await sut.reload();

      expect(sut.authenticate(FILE_TOKEN)).toEqual({ id: 'ci-bot' });
      expect(sut.size).toBe(2);
      expect(sut.reloads).toBe(0);
      const unreadable = warn.mock.calls.filter(([message]) => /cannot be read/.test(JSON.stringify(message)));
      expect(unreadable).toEqual([[expect.objectContaining({ code: 'ENOENT', tokens: 2 })]]);
    });

    it('should load the file again once it reappears after a deletion', async () => {
      await unlink(file);
      await sut.reload();
      await replaceFile(file, `ci-bot=${ROTATED_TOKEN}\n`);

      await sut.reload();

      expect(sut.authenticate(ROTATED_TOKEN)).toEqual({ id: 'ci-bot' });
      expect(sut.reloads).toBe(1);
      expect(log).toHaveBeenCalledWith(expect.objectContaining({ msg: 'Token file is readable again' }));
    });
  });

  describe('watching', () => {
    it('should follow a Kubernetes-style ..data symlink swap without an explicit reload', async () => {
      await mkdir(join(dir, '..2024_01'));
      await writeFile(join(dir, '..2024_01', 'tokens'), `ci-bot=${FILE_TOKEN}\n`);
      await symlink('..2024_01', join(dir, '..data'));
      await symlink(join('..data', 'tokens'), file);
      sut = build({ tokenFile: file, reloadIntervalMs: 600_000 });
      await sut.onModuleInit();
      expect(sut.authenticate(FILE_TOKEN)).toEqual({ id: 'ci-bot' });

      await mkdir(join(dir, '..2024_02'));
      await writeFile(join(dir, '..2024_02', 'tokens'), `ci-bot=${ROTATED_TOKEN}\n`);
      await symlink('..2024_02', join(dir, '..data_tmp'));
      await rename(join(dir, '..data_tmp'), join(dir, '..data'));

      await eventually(() => sut.authenticate(ROTATED_TOKEN) !== undefined);
      expect(sut.authenticate(FILE_TOKEN)).toBeUndefined();
      expect(sut.reloads).toBe(1);
    });

    it('should poll the file when its directory cannot be watched', async () => {
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      const late = join(dir, 'not-yet-mounted', 'tokens');
      sut = build({ envTokens: [ENV_TOKEN], tokenFile: late, reloadIntervalMs: 30_000 });
      await sut.onModuleInit();
      expect(messagesOf(warn).join('\n')).toContain('relying on polling');

      await mkdir(join(dir, 'not-yet-mounted'));
      await writeFile(late, `late=${FILE_TOKEN}\n`);
      jest.advanceTimersByTime(29_999);
      await new Promise((resolve) => setImmediate(resolve));
      expect(sut.authenticate(FILE_TOKEN)).toBeUndefined();

      jest.advanceTimersByTime(1);
      for (let turn = 0; turn < 1_000 && !sut.authenticate(FILE_TOKEN); turn += 1) await new Promise((resolve) => setImmediate(resolve));

      expect(sut.authenticate(FILE_TOKEN)).toEqual({ id: 'late' });
      expect(sut.authenticate(ENV_TOKEN)).toBeDefined();
    });
  });
});
