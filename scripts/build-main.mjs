// Bundles the core for Electron's utilityProcess (dist/core/cli.mjs) and then the Electron shell.
import { build } from 'esbuild';
import { join } from 'node:path';
import { ROOT, run } from './setup-lib.mjs';

await build({
  entryPoints: [join(ROOT, 'src-main', 'core', 'cli.ts')],
  outfile: join(ROOT, 'dist', 'core', 'cli.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Native and optional modules stay in node_modules.
  external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});
process.exit(run(process.execPath, [join(ROOT, 'scripts', 'build-electron.mjs')]));
