// The sync model-based test at benchmark scale (issue 5: 10,000 randomised runs): tests/sync/model.test.ts with
// IOC_SYNC_MODEL_RUNS=10000 (IOC_BENCH_MODEL_RUNS), on SQLite, and on PostgreSQL too with IOC_BENCH_MODEL_PG=1.
// Baseline in the same run: the 500 runs of `npm test`. fast-check draws longer scenarios as a run goes on, so the
// ratio compared is time per random step: it should stay near 1 (nothing accumulates between runs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const RUNS = Number(process.env.IOC_BENCH_MODEL_RUNS ?? 10_000);
const BASELINE_RUNS = 500;
// IOC_BENCH_MODEL_DIALECTS=postgres runs one dialect alone (the PostgreSQL arm takes most of an hour).
const dialects =
  process.env.IOC_BENCH_MODEL_DIALECTS?.split(',').filter(Boolean) ??
  (process.env.IOC_BENCH_MODEL_PG === '1' ? ['sqlite', 'postgres'] : ['sqlite']);

function runModel(runs: number, dialect: string): { seconds: number; passed: boolean; stats: string } {
  const start = performance.now();
  const child = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'tests/sync/model.test.ts', '-t', `\\[${dialect}\\]`],
    { cwd: ROOT, env: { ...process.env, IOC_SYNC_MODEL_RUNS: String(runs) }, encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const output = `${child.stdout}\n${child.stderr}`;
  const stats = /sync model \[\w+\] (\{.*\})/.exec(output)?.[1] ?? '';
  if (child.status !== 0) process.stderr.write(output.slice(-4000));
  return { seconds: (performance.now() - start) / 1000, passed: child.status === 0, stats };
}

const rows = [];
let failed = false;
for (const dialect of dialects) {
  const baseline = runModel(BASELINE_RUNS, dialect);
  const main = runModel(RUNS, dialect);
  failed ||= !baseline.passed || !main.passed;
  const steps = (r: { stats: string }) => (r.stats ? (JSON.parse(r.stats) as { steps: number }).steps : 0);
  const ratio = main.seconds / Math.max(steps(main), 1) / (baseline.seconds / Math.max(steps(baseline), 1));
  rows.push({
    dialect,
    runs: RUNS,
    seconds: main.seconds,
    passed: main.passed,
    baselineRuns: BASELINE_RUNS,
    baselineSeconds: baseline.seconds,
    perStepRatio: ratio,
    stats: main.stats ? (JSON.parse(main.stats) as unknown) : null,
  });
  console.log(
    `sync model [${dialect}] ${RUNS} runs ${main.passed ? 'passed' : 'FAILED'} in ${main.seconds.toFixed(1)} s ` +
      `(${(RUNS / main.seconds).toFixed(0)} runs/s); per step ×${ratio.toFixed(2)} of the ${BASELINE_RUNS}-run baseline`,
  );
}
const dir = join(ROOT, 'bench-results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, dialects.join('-') === 'sqlite' ? 'sync-model.json' : `sync-model-${dialects.join('-')}.json`),
  JSON.stringify({ at: new Date().toISOString(), rows }, null, 2),
);
process.exit(failed ? 1 : 0);
