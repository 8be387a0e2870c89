import { cliEnvironment, processEnvironment } from './cli-environment';
import { runCli } from './run-cli';

/**
 * `ai-ticket` (bin/ai-ticket runs this file). The exit code is set rather than forced, so that
 * everything written to a pipe is flushed before the process ends.
 */
void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }, cliEnvironment(processEnvironment())).then((result) => {
  if (result !== 'serving') process.exitCode = result;
});
