// Type-checks each environment with its own tsconfig (shared has no DOM and no Node; renderer has DOM; …).
import { join } from 'node:path';
import { ROOT, run } from './setup-lib.mjs';

const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
let failed = 0;
for (const env of ['shared', 'main', 'electron', 'server', 'renderer', 'tests']) {
  if (run(process.execPath, [tsc, '-p', `tsconfig.${env}.json`]) !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
