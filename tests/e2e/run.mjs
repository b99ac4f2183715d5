// `npm run test:e2e`: rebuild the renderer if its sources changed, then drive it in Chromium against real cores.
import { join } from 'node:path';
import { ROOT, ensureRendererBuilt, log, run } from '../../scripts/setup-lib.mjs';

ensureRendererBuilt();
log('Running end-to-end tests (vitest + playwright-core + /usr/bin/chromium)…');
const status = run(process.execPath, [
  join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
  'run',
  'tests/e2e',
  ...process.argv.slice(2),
]);
process.exit(status);
