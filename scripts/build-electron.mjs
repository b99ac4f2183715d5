// Bundles the Electron host: main process and sandboxed preload, both CommonJS (what Electron loads for
// package.json "main" and for preloads). `electron` stays external; everything else, zod included, is bundled.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.env.NODE_ENV === 'production';

// Start clean so no stale source map from a development build ends up in a package.
rmSync(path.join(root, 'dist/electron'), { recursive: true, force: true });

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  external: ['electron'],
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'eof',
  logLevel: 'info',
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['src-main/electron/main.ts'],
    outfile: 'dist/electron/main.cjs',
    platform: 'node',
  }),
  build({
    ...common,
    entryPoints: ['src-main/electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    // A sandboxed preload is not Node: it may require only 'electron' (and a few polyfills), so nothing
    // else may be left as a require() call.
    platform: 'browser',
    target: 'chrome130',
  }),
]);
