// `npm test`: everything CI checks, from a fresh clone. Type-check each environment, lint, format, build the
// renderer, then unit + integration + end-to-end tests with vitest.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runNetnsTests } from '../tests/netns/run.mjs';
import { ROOT, ensureDebianPackages, ensureNpmPackages, ensureRendererBuilt, log, run } from './setup-lib.mjs';

const TSCONFIGS = ['shared', 'main', 'electron', 'server', 'renderer', 'tests'];
const bin = (pkg, file) => join(ROOT, 'node_modules', pkg, file);
const extra = process.argv.slice(2);

ensureNpmPackages();
ensureDebianPackages(['start', 'test']);

function step(name, command, args) {
  log(`${name}…`);
  const status = run(command, args);
  if (status !== 0) {
    log(`${name} failed (exit ${status}).`);
    process.exit(status);
  }
}

for (const env of TSCONFIGS)
  step(`Type-checking ${env}`, process.execPath, [bin('typescript', 'bin/tsc'), '-p', `tsconfig.${env}.json`]);
step('Linting', process.execPath, [bin('eslint', 'bin/eslint.js'), '--max-warnings', '0', '.']);
step('Checking formatting', process.execPath, [
  bin('prettier', 'bin/prettier.cjs'),
  '--check',
  '--log-level',
  'warn',
  '.',
]);
ensureRendererBuilt({ force: true });

mkdirSync(join(ROOT, 'test-results'), { recursive: true });
const report = join(ROOT, 'test-results', 'vitest.json');
log('Running tests (vitest)…');
const status = run(process.execPath, [
  bin('vitest', 'vitest.mjs'),
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extra,
]);
// Second invocation: camera tests against simulated devices, in a loopback-only network namespace.
const netnsReport = join(ROOT, 'test-results', 'vitest-netns.json');
rmSync(netnsReport, { force: true });
log('Running camera tests in a loopback-only network namespace (tests/netns)…');
const netnsStatus = runNetnsTests(['--reporter=default', '--reporter=json', `--outputFile.json=${netnsReport}`]);
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of [report, netnsReport]) {
  if (!existsSync(file)) continue;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += r.numFailedTests ?? 0;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
// The plain closing line CI reads, whatever the runner.
process.stdout.write(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(status !== 0 ? status : netnsStatus);
