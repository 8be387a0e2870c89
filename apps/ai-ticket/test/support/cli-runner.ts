import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../../../..');
/** The built CLI (the e2e global set-up builds dist/). */
export const CLI_JS = join(ROOT, 'dist/apps/ai-ticket/src/cli/main.js');
/** The package's `bin` shim, as an operator runs it. */
export const BIN_SHIM = join(ROOT, 'bin/ai-ticket');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** The whole environment besides PATH: nothing leaks in from the developer's shell. */
  env?: Record<string, string>;
  cwd?: string;
  /** Run through bin/ai-ticket instead of `node main.js`. */
  viaShim?: boolean;
  /** Each stdout chunk as it arrives, with ms since spawn. */
  onStdout?: (chunk: string, atMs: number) => void;
  timeoutMs?: number;
}

/** Runs `ai-ticket <args>` as a child process and collects its output and exit code. */
export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliResult> {
  const [command, argv] = options.viaShim ? [BIN_SHIM, [...args]] : [process.execPath, [CLI_JS, ...args]];
  const started = Date.now();
  const child = spawn(command, argv, { cwd: options.cwd ?? ROOT, env: { PATH: process.env.PATH ?? '', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    options.onStdout?.(chunk, Date.now() - started);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Parses each stdout line as JSON (for `--json`, which prints one document per line). */
export function jsonLines(stdout: string): unknown[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}
