import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN_SHIM, CLI_JS, runCli } from './support/cli-runner';
import { freePort } from './support/free-port';
import { ptyAvailable, runInPty } from './support/pty-run';

const COMMANDS = ['serve', 'prompt', 'health', 'token create', 'backup', 'restore', 'migrate'];
const ANSI = '\u001b[';

describe('ai-ticket help, usage errors, colour and the bin shim', () => {
  it.each([['--help'], ['-h'], ['help']])('should print the command list, the variables and the exit codes for %s', async (flag) => {
    const result = await runCli([flag]);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: ai-ticket <command> \[options\]/);
    for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^ {2}${command} +\\S`, 'm'));
    for (const variable of ['AI_TICKET_URL', 'AI_TICKET_TOKEN', 'NO_COLOR']) expect(result.stdout).toContain(variable);
    expect(result.stdout).toMatch(/^ {2}4 {2}restore refused/m);
    expect(result.stdout).toContain('docs/operations.md');
  });

  it('should print the usage on stderr and exit 2 without a command', async () => {
    const result = await runCli([]);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Usage: ai-ticket <command>/);
  });

  it.each(COMMANDS)('should print the help of "%s" with --help, -h and "help <command>"', async (command) => {
    const words = command.split(' ');
    const results = await Promise.all([runCli([...words, '--help']), runCli([...words, '-h']), runCli(['help', ...words])]);

    for (const result of results) {
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: ai-ticket ${command}`));
      expect(result.stdout).toMatch(/\n {2}-h, --help +Show this help\n/);
      expect(result.stdout).toMatch(/Exit codes/);
    }
    expect(new Set(results.map((r) => r.stdout)).size).toBe(1);
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['token'], /"token" needs a subcommand: token create/],
    [['token', 'delete'], /"token" needs a subcommand/],
    [['help', 'frobnicate'], /unknown command "frobnicate"/],
    [['health', 'extra'], /unexpected argument "extra"/],
    [['backup'], /missing --to DIR/],
    [['restore'], /missing --from DIR/],
    [['migrate', '--verbose'], /Unknown option '--verbose'/],
  ])('should exit 2 with a usage error for %j', async (args, message) => {
    const result = await runCli(args);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  describe('colour', () => {
    const suite = ptyAvailable() ? it : it.skip;
    if (!ptyAvailable()) process.stderr.write('cli-help: util-linux "script" is missing, so the terminal colour cases are skipped\n');

    suite('should colour output on a terminal', async () => {
      const { code, output } = await runInPty([process.execPath, CLI_JS, 'token', 'create', '--name', 'ci'], {});

      expect(code).toBe(0);
      expect(output).toContain(`${ANSI}1mToken for ci`);
    });

    suite('should not colour a terminal when NO_COLOR is set, on stdout or stderr', async () => {
      const url = `http://127.0.0.1:${await freePort()}`;
      const token = await runInPty([process.execPath, CLI_JS, 'token', 'create', '--name', 'ci'], { NO_COLOR: '1' });
      const failure = await runInPty([process.execPath, CLI_JS, 'prompt', 'hi', '--server-url', url], { NO_COLOR: '1' });
      const coloured = await runInPty([process.execPath, CLI_JS, 'prompt', 'hi', '--server-url', url], {});

      expect(token.output).toContain('Token for ci');
      expect(token.output).not.toContain(ANSI);
      expect(failure.code).toBe(3);
      expect(failure.output).toMatch(/^error: connection_failed/m);
      expect(failure.output).not.toContain(ANSI);
      expect(coloured.output).toContain(`${ANSI}31merror${ANSI}39m: connection_failed`);
    });

    it('should not colour output that goes to a pipe', async () => {
      const token = await runCli(['token', 'create', '--name', 'ci']);
      const failure = await runCli(['health', '--server-url', `http://127.0.0.1:${await freePort()}`]);

      expect(token.stdout).not.toContain(ANSI);
      expect(failure.stdout).toMatch(/^unreachable: /);
      expect(failure.stdout + failure.stderr).not.toContain(ANSI);
    });
  });

  describe('bin/ai-ticket', () => {
    it('should run the built CLI, also through a symlink as npm links bins', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ai-ticket-bin-'));
      try {
        symlinkSync(BIN_SHIM, join(dir, 'ai-ticket'));
        const direct = await runCli(['--help'], { viaShim: true });
        const linked = await runCli(['token', 'create', '--json'], { env: { PATH: `${dir}:${process.env.PATH}` }, viaShim: true, cwd: dir });

        expect(direct.code).toBe(0);
        expect(direct.stdout).toMatch(/^Usage: ai-ticket <command>/);
        expect(linked.code).toBe(0);
        expect(JSON.parse(linked.stdout)).toMatchObject({ token: expect.any(String) });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
