/**
 * Runs the whole suite (every Vitest project) and prints the closing line CI reads:
 * "N passed, N failed" (", N skipped" when any were skipped). Exit code 1 on any failure.
 * Above it: the tests that failed, and those that passed only when run again, each with its
 * (first) failure.
 *
 * Two phases: first every project but `reliability`, then `reliability` alone. The battery's
 * figures (latencies, stalls, close times) are about the server, not about sharing two cores
 * with Chromium suites running beside it.
 * Extra arguments are passed to Vitest as one run (e.g. `npm test -- --project http`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

const extra = process.argv.slice(2);
const phases: string[][] = extra.length > 0
  ? [extra]
  : [['--project', 'unit', '--project', 'http', '--project', 'export', '--project', 'collab', '--project', 'e2e'], ['--project', 'reliability']];

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];
const retried: string[] = [];
phases.forEach((phaseArgs, i) => {
  const c = runVitest(phaseArgs, path.resolve(`.tmp/vitest-report${phases.length > 1 ? `-${i + 1}` : ''}.json`));
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
  failures.push(...c.failures);
  retried.push(...c.retried);
});
// Passed only on the second run (vitest.config.ts retries the socket, browser and LibreOffice layers once).
if (retried.length > 0) {
  console.log(`\nPassed on a retry (${retried.length}):`);
  for (const r of retried) console.log(`  ~ ${r}`);
}
// The names of what failed, just above the closing line: a log read from its tail shows them.
if (failures.length > 0) {
  console.log(`\nFailed (${failures.length}):`);
  for (const f of failures) console.log(`  ✗ ${f}`);
}
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 ? 1 : 0);

function runVitest(args: string[], out: string): Counts & { failures: string[]; retried: string[] } {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.rmSync(out, { force: true });
  const run = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args], { stdio: 'inherit', env: process.env });
  const c = { passed: 0, failed: 0, skipped: 0, failures: [] as string[], retried: [] as string[] };
  if (fs.existsSync(out)) {
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as Report;
    c.passed = report.numPassedTests;
    c.failed = report.numFailedTests;
    c.skipped = report.numPendingTests + report.numTodoTests;
    for (const file of report.testResults) {
      const rel = path.relative(process.cwd(), file.name);
      // A test file that failed to load has no assertion results: count it as a failure.
      if (file.status === 'failed' && file.assertionResults.length === 0) {
        c.failed += 1;
        c.failures.push(`${rel}: ${firstLine(file.message)}`);
      }
      for (const t of file.assertionResults) {
        if (t.status === 'failed') c.failures.push(`${rel} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
        else if (t.status === 'passed' && (t.failureMessages?.length ?? 0) > 0) c.retried.push(`${rel} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
      }
    }
  } else {
    c.failed = 1;
    console.error('vitest produced no report');
  }
  if (run.status !== 0 && c.failed === 0) c.failed = 1;
  return c;
}

function firstLine(message: string | undefined): string {
  return (message ?? '').split('\n')[0]!.slice(0, 300);
}
