// Child processes of the tests (the central server, the workstation core) started from an esbuild bundle instead of
// `node --import tsx <entry>.ts`. tsx compiles every module of the entry in the child at each start: ~1.5 s of CPU
// per process on this kind of machine, many seconds at the load of a full run, where a server or a core that took
// longer than the test's limit to print its ready line failed the run. The bundle is built once per test worker
// (~0.2 s, esbuild) from the current sources; node_modules stay external, loaded as tsx would load them.
import { mkdirSync, renameSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { build } from 'esbuild';
import { APP_ROOT } from '../server/server-harness';

/**
 * Where each bundle goes: at the same depth below the app root as its source, because both entry points find the
 * app root (resources/, dist/renderer, .data/) from their own file. test-results/ is ignored by git, lint and
 * prettier; the dot keeps the bundles apart from the reports.
 */
const ENTRIES = {
  server: { source: 'src-server/cli.ts', bundle: 'test-results/.ioc-server-cli.mjs' },
  core: { source: 'src-main/core/cli.ts', bundle: 'test-results/.ioc-core/cli.mjs' },
  feeds: { source: 'sim/sensors/demo-cli.ts', bundle: 'test-results/.ioc-feeds/demo-cli.mjs' },
} as const;

export type BundledEntry = keyof typeof ENTRIES;

const built = new Map<BundledEntry, Promise<string>>();

/** The absolute path of `entry`'s bundle, built on first use in this process. */
export function bundledEntry(entry: BundledEntry): Promise<string> {
  let path = built.get(entry);
  if (!path) {
    path = buildEntry(entry);
    built.set(entry, path);
    // A failed build is not remembered: the next test tries again and reports its own error.
    path.catch(() => built.delete(entry));
  }
  return path;
}

async function buildEntry(entry: BundledEntry): Promise<string> {
  const { source, bundle } = ENTRIES[entry];
  const depth = (file: string) => relative(APP_ROOT, join(APP_ROOT, file)).split(sep).length;
  if (depth(source) !== depth(bundle)) throw new Error(`${bundle} must sit as deep below the app root as ${source}`);
  const out = join(APP_ROOT, bundle);
  mkdirSync(dirname(out), { recursive: true });
  // Test workers build at the same time: each writes its own file and renames it into place (atomic), so a child
  // never starts from a half-written bundle.
  const partial = `${out}.${process.pid}.partial.mjs`;
  await build({
    entryPoints: [join(APP_ROOT, source)],
    outfile: partial,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  renameSync(partial, out);
  return out;
}

/** node's arguments to run `entry`: stack traces point at the TypeScript sources. */
export async function bundledArgs(entry: BundledEntry, args: readonly string[]): Promise<string[]> {
  return ['--enable-source-maps', await bundledEntry(entry), ...args];
}
