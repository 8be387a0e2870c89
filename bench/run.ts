// `npm run bench`: the load suite (every service variant against the fake upstream called directly,
// plus streaming), the OpenAI route against /event, the resident-memory soak and the upstream-fleet
// suite; prints tables and rewrites docs/benchmarks.md, docs/benchmarks-openai.md,
// docs/benchmarks-memory.md and docs/benchmarks-fleet.md. Exits non-zero only when
// something failed, never for a missed target.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { killAllChildrenNow, SHUTDOWN_GRACE_SECONDS, stopAllChildren } from './child-process';
import { fleetMarkdown, fleetSummary } from './fleet/fleet-report';
import { runFleetSuite } from './fleet/fleet-suite';
import { runLoadSuite } from './load-suite';
import { memoryMarkdown, soakSummary } from './memory/report';
import { runOpenAiSuite } from './openai/openai-suite';
import { runSoak } from './memory/soak';
import { assertBuilt, FLEET_REPORT_FILE, MEMORY_REPORT_FILE, OPENAI_REPORT_FILE, REPORT_FILE } from './paths';
import { consoleReport, markdownReport } from './report';
import { readSettings } from './settings';
import { scratchDirectory } from './variants';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  log(`\nWrote ${file}`);
}

/**
 * Children are stopped gracefully; the servers should drain and exit 0 on SIGTERM, so anything else
 * is reported, and returned for the report.
 */
async function stopChildren(): Promise<string[]> {
  const problems: string[] = [];
  for (const { name, code, killedAfterGrace } of await stopAllChildren()) {
    if (killedAfterGrace) problems.push(`${name} was still draining ${SHUTDOWN_GRACE_SECONDS} s after SIGTERM and was killed`);
    else if (code !== 0) problems.push(`${name} exited with code ${code} after SIGTERM`);
  }
  for (const problem of problems) log(`Warning: ${problem}`);
  return problems;
}

async function main(): Promise<void> {
  // However the bench ends, no server it started may outlive it.
  process.once('exit', killAllChildrenNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`\n${signal}: stopping the servers`);
      void stopChildren().finally(() => process.exit(130));
    });
  }
  const settings = readSettings(process.env);
  assertBuilt();
  const scratch = scratchDirectory();
  const startedAt = Date.now();
  try {
    if (settings.suites.includes('load')) {
      const results = await runLoadSuite(settings, scratch.path, log);
      // Idle services would otherwise share the machine with the soak.
      const shutdownProblems = await stopChildren();
      log(consoleReport(results));
      write(REPORT_FILE, markdownReport(results, shutdownProblems));
    }
    if (settings.suites.includes('openai')) {
      write(OPENAI_REPORT_FILE, await runOpenAiSuite(settings, scratch.path, log));
    }
    if (settings.suites.includes('memory')) {
      const result = await runSoak(settings, scratch.path, log);
      log(`\n${soakSummary(result).join('\n')}`);
      write(MEMORY_REPORT_FILE, memoryMarkdown(result));
    }
    if (settings.suites.includes('fleet')) {
      const result = await runFleetSuite(settings, log);
      if ('skipped' in result) {
        log(`\nFleet suite SKIPPED: ${result.skipped}`);
      } else {
        log(`\n${fleetSummary(result).join('\n')}`);
        write(FLEET_REPORT_FILE, fleetMarkdown(result));
        // Written first: the report shows what went wrong next to everything else the run measured.
        if (result.failures.length > 0) throw new Error(`fleet suite:\n- ${result.failures.join('\n- ')}`);
      }
    }
    log(`\nbench done in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  } finally {
    await stopChildren();
    scratch.remove();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\nbench FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.stderr.write('The services log to /dev/null by default; BENCH_SERVICE_LOG_FILE=test-output/bench-service.log keeps them.\n');
  process.exit(1);
});
