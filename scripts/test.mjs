// The one test command, the same for a learner (README) and for CI (.ci/run):
// lint, typecheck, every package's vitest suite and the docs build, through
// turbo, then a table per package and one closing line with vitest's real
// totals, read from the JSON report each package's vitest run writes.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const packageDirs = [
  ...readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name)),
  join(root, 'docs'),
].filter((dir) => existsSync(join(dir, 'package.json')));

const withTests = packageDirs.filter((dir) => {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return manifest.scripts?.test !== undefined;
});

// A report left from an earlier run must not be counted again.
for (const dir of withTests) rmSync(join(dir, 'test-results.json'), { force: true });

const turbo = spawnSync(
  join(root, 'node_modules', '.bin', 'turbo'),
  ['run', 'lint', 'typecheck', 'test', 'docs:build', '--continue', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env } },
);

const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];
for (const dir of withTests) {
  const name = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name;
  const reportPath = join(dir, 'test-results.json');
  if (!existsSync(reportPath)) {
    // The suite did not run at all (a task it depends on failed, or vitest crashed).
    rows.push({ name, passed: 0, failed: 1, skipped: 0, note: 'no report: the suite did not run' });
    totals.failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  // A test file that fails before any test runs (an import error) has no
  // assertions but is a failure all the same.
  const brokenFiles = report.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  ).length;
  const row = {
    name,
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
    note: brokenFiles > 0 ? `${brokenFiles} test file(s) failed to load` : '',
  };
  rows.push(row);
  totals.passed += row.passed;
  totals.failed += row.failed;
  totals.skipped += row.skipped;
}

console.log('');
console.log(
  'package'.padEnd(22),
  'passed'.padStart(7),
  'failed'.padStart(7),
  'skipped'.padStart(8),
);
for (const row of rows) {
  console.log(
    row.name.padEnd(22),
    String(row.passed).padStart(7),
    String(row.failed).padStart(7),
    String(row.skipped).padStart(8),
    row.note,
  );
}
if (turbo.status !== 0) {
  console.log('\nsome task failed (lint, typecheck, a test suite or the docs build): see above.');
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(turbo.status === 0 && totals.failed === 0 ? 0 : 1);
