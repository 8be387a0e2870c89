import { spawn, spawnSync } from 'node:child_process';

/** Whether util-linux `script` is there to give a child a pseudo-terminal. */
export function ptyAvailable(): boolean {
  return spawnSync('script', ['--version']).status === 0;
}

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * Runs a command with its stdout and stderr on a pseudo-terminal (`script -qec`), as in an
 * operator's shell, and resolves with everything it wrote there.
 */
export function runInPty(argv: readonly string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn('script', ['-qec', argv.map(quote).join(' '), '/dev/null'], { env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stdin.end();
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
