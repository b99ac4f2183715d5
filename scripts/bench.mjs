// `npm run bench`: runs every tests/bench/*.bench.ts in its own process; each prints ratios against a
// baseline measured in the same run and writes bench-results/<name>.json.
// `npm run bench -- wall-latency ingest` runs only the benches whose names contain one of the words.
// The wall soak plays 16 tiles for IOC_BENCH_SOAK_MINUTES (default 30, the size); set it lower for a
// quick pass, or IOC_BENCH_SKIP=wall-soak to leave it out.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureDebianPackages, ensureNpmPackages, ensureRendererBuilt, log, run } from './setup-lib.mjs';

ensureNpmPackages();
// The wall benches run the real core (ffmpeg, GStreamer feeds) and the built UI in Chromium.
ensureDebianPackages(['start', 'test', 'bench']);
ensureRendererBuilt();
const only = process.argv.slice(2);
const skip = (process.env.IOC_BENCH_SKIP ?? '').split(',').filter(Boolean);
const dir = join(ROOT, 'tests', 'bench');
let failed = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((word) => f.includes(word)))
  .filter((f) => !skip.some((word) => f.includes(word)))
  .sort()) {
  if (file.startsWith('wall-soak')) {
    log(`bench ${file}: about ${process.env.IOC_BENCH_SOAK_MINUTES ?? 30} min (IOC_BENCH_SOAK_MINUTES)`);
  } else log(`bench ${file}`);
  if (run(process.execPath, ['--import', 'tsx', join(dir, file)]) !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
