// `npm run bench`: runs every tests/bench/*.bench.ts in its own process; each prints ratios against a
// baseline measured in the same run and writes bench-results/<name>.json.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureNpmPackages, log, run } from './setup-lib.mjs';

ensureNpmPackages();
const dir = join(ROOT, 'tests', 'bench');
let failed = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  log(`bench ${file}`);
  if (run(process.execPath, ['--import', 'tsx', join(dir, file)]) !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
