// CSV splitting of an asset register (issue 6): the sliced splitter (src-server/ingest/assets/csv.ts) against the
// whole-text splitter it replaced (tests/server/csv-split-whole.ts), paired in one run, alternating which goes
// first. Measured: the longest the event loop is held (the widest gap between two turns of a setImmediate ticker
// running beside the split) and the total time. Run with `npm run bench -- csv-split`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { splitCsv } from '../../src-server/ingest/assets/csv';
import { parseCsvWhole } from '../server/csv-split-whole';

const ROOT = join(import.meta.dirname, '..', '..');
const ROWS = Number(process.env.IOC_BENCH_CSV_ROWS ?? 100_000);
const ROUNDS = Number(process.env.IOC_BENCH_CSV_ROUNDS ?? 7);

/** A register as exported by a Vietnamese spreadsheet: CRLF, quoted names with quotes, commas and line breaks. */
function register(rows: number): string {
  const lines = ['\ufeffid,kind,name,lat,lon,ward,operator'];
  for (let i = 0; i < rows; i++) {
    const name = i % 10 === 0 ? `"Trạm ""số ${i}"", bờ kè\r\nđường Nguyễn Huệ"` : `Đèn chiếu sáng số ${i}`;
    lines.push(`sl-${i},streetlight,${name},10.${4600 + (i % 100)},105.63,Phường ${i % 7},Công ty Điện lực`);
  }
  return lines.join('\r\n');
}

/** CPU time of the process so far, in ms: a busy machine stretches wall-clock gaps with time spent descheduled. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

interface Run {
  totalMs: number;
  /** The widest wall-clock gap between two ticks: the longest the loop was held, as another request would wait. */
  longestBlockMs: number;
  /**
   * The most CPU time spent between two ticks: the same without the time the machine ran something else, but with
   * V8's helper threads (concurrent GC) counted: process.cpuUsage() is the whole process's.
   */
  longestBlockCpuMs: number;
}

/** Runs `work` beside a setImmediate ticker; the widest gap between two ticks is the longest block of the loop. */
async function measure(work: () => Promise<unknown>): Promise<Run> {
  let last = performance.now();
  let lastCpu = cpuMs();
  let longest = 0;
  let longestCpu = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    const cpu = cpuMs();
    longest = Math.max(longest, now - last);
    longestCpu = Math.max(longestCpu, cpu - lastCpu);
    last = now;
    lastCpu = cpu;
    if (running) setImmediate(tick);
  };
  const start = performance.now();
  last = start;
  lastCpu = cpuMs();
  setImmediate(tick);
  await work();
  const totalMs = performance.now() - start;
  running = false;
  // The stretch from the last tick to the end of the work counts too.
  tick();
  return { totalMs, longestBlockMs: longest, longestBlockCpuMs: longestCpu };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();

const text = register(ROWS);
console.log(`uptime before: ${uptime()}`);
const loadAtStart = loadavg()[0]!;
const arms = {
  whole: async () => {
    await Promise.resolve();
    return parseCsvWhole(text);
  },
  sliced: () => splitCsv(text),
};
// Same records from both, or the comparison means nothing.
if (JSON.stringify(parseCsvWhole(text)) !== JSON.stringify(await splitCsv(text))) throw new Error('the arms differ');
const runs: Record<keyof typeof arms, Run[]> = { whole: [], sliced: [] };
for (let round = 0; round < ROUNDS; round++) {
  const order: (keyof typeof arms)[] = round % 2 === 0 ? ['whole', 'sliced'] : ['sliced', 'whole'];
  for (const arm of order) runs[arm].push(await measure(arms[arm]));
}
const loadAtEnd = loadavg()[0]!;
console.log(`uptime after:  ${uptime()}`);

const summary = (arm: keyof typeof arms) => ({
  totalMs: median(runs[arm].map((r) => r.totalMs)),
  longestBlockMs: median(runs[arm].map((r) => r.longestBlockMs)),
  longestBlockCpuMs: median(runs[arm].map((r) => r.longestBlockCpuMs)),
});
const whole = summary('whole');
const sliced = summary('sliced');
const ratios = {
  longestBlock: sliced.longestBlockMs / whole.longestBlockMs,
  longestBlockCpu: sliced.longestBlockCpuMs / whole.longestBlockCpuMs,
  total: sliced.totalMs / whole.totalMs,
};
console.log(
  `${ROWS} rows, ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB, median of ${ROUNDS} paired rounds:\n` +
    [whole, sliced]
      .map(
        (r, i) =>
          `  ${i === 0 ? 'whole ' : 'sliced'} : longest block ${r.longestBlockMs.toFixed(1)} ms ` +
          `(CPU ${r.longestBlockCpuMs.toFixed(1)} ms), total ${r.totalMs.toFixed(1)} ms\n`,
      )
      .join('') +
    `  sliced/whole: longest block ×${ratios.longestBlock.toFixed(3)} (CPU ×${ratios.longestBlockCpu.toFixed(3)}), ` +
    `total ×${ratios.total.toFixed(2)}`,
);
if (loadAtStart > 3 || loadAtEnd > 3) console.log(`load above 3 (${loadAtStart} → ${loadAtEnd}): repeat when quieter`);
const dir = join(ROOT, 'bench-results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, 'csv-split.json'),
  JSON.stringify(
    {
      at: new Date().toISOString(),
      rows: ROWS,
      bytes: Buffer.byteLength(text),
      rounds: ROUNDS,
      machine: { cpus: cpus().length, loadAtStart, loadAtEnd },
      whole,
      sliced,
      ratios,
      runs,
    },
    null,
    2,
  ),
);
