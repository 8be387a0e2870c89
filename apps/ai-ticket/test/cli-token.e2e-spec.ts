import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeUpstream } from '@ai-ticket/testing';
import { jsonLines, runCli } from './support/cli-runner';
import { RunningService } from './support/running-service';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('ai-ticket token create', () => {
  it('should print a new token once and the token-file line holding only its SHA-256', async () => {
    const result = await runCli(['token', 'create', '--name', 'ci']);

    expect(result.code).toBe(0);
    const match = /^Token for ci \(shown once; .+\):\n {2}([A-Za-z0-9_-]{43})\nLine for the token file:\n {2}ci=sha256:([0-9a-f]{64})\n$/.exec(result.stdout);
    expect(match).not.toBeNull();
    const [, token, digest] = match as RegExpExecArray;
    expect(digest).toBe(sha256(token));
    expect(result.stdout.split(token)).toHaveLength(2);
  });

  it('should print {name, token, sha256, tokenFileLine} with --json, a different token each time', async () => {
    const first = await runCli(['token', 'create', '--name', 'ci.blue_2', '--json']);
    const second = await runCli(['token', 'create', '--name', 'ci.blue_2', '--json']);

    expect(first.code).toBe(0);
    const [created] = jsonLines(first.stdout) as Array<{ token: string; sha256: string }>;
    expect(created).toEqual({ name: 'ci.blue_2', token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), sha256: sha256(created.token), tokenFileLine: `ci.blue_2=sha256:${sha256(created.token)}` });
    expect((jsonLines(second.stdout)[0] as { token: string }).token).not.toBe(created.token);
  });

  it("should leave the name out without --name (the identity is then the token's fingerprint)", async () => {
    const result = await runCli(['token', 'create', '--json']);

    const [created] = jsonLines(result.stdout) as Array<{ token: string }>;
    expect(created).toEqual({ name: `token-${sha256(created.token).slice(0, 12)}`, token: created.token, sha256: sha256(created.token), tokenFileLine: `sha256:${sha256(created.token)}` });
  });

  it.each(['with space', '-leading-dash', 'a=b', 'x'.repeat(65)])('should refuse the name %j with exit 2', async (name) => {
    const result = await runCli(['token', 'create', `--name=${name}`]);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/invalid --name/);
  });

  it('should make a line the service accepts: the printed token then works, another does not', async () => {
    const [created] = jsonLines((await runCli(['token', 'create', '--name', 'ci', '--json'])).stdout) as Array<{ token: string; tokenFileLine: string }>;
    const dir = mkdtempSync(join(tmpdir(), 'ai-ticket-cli-token-'));
    const upstream = await FakeUpstream.start();
    let service: RunningService | undefined;
    try {
      writeFileSync(join(dir, 'api-tokens'), `# tokens\n${created.tokenFileLine}\n`);
      service = await RunningService.start({ KOBOLDCPP_API_URL: upstream.url, AI_TICKET_AUTH_TOKEN_FILE: join(dir, 'api-tokens'), AUTH_REQUIRED: 'true' });

      const accepted = await runCli(['prompt', 'hello'], { env: { AI_TICKET_URL: service.url, AI_TICKET_TOKEN: created.token } });
      const refused = await runCli(['prompt', 'hello'], { env: { AI_TICKET_URL: service.url, AI_TICKET_TOKEN: `${created.token}x` } });

      expect(accepted).toEqual({ code: 0, stdout: 'echo: hello\n', stderr: '' });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^error: forbidden: /);
    } finally {
      await service?.stop();
      await upstream.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
