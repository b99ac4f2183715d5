// Names the layer a repo path belongs to (DESIGN.md §3).

/**
 * @typedef {'shared' | 'electron' | 'core' | 'service' | 'main' | 'renderer' | 'server' | 'sim' | 'tests' | 'scripts' | 'other'} Layer
 * @typedef {{ layer: Layer, unit?: string, isUnitEntry?: boolean }} Place
 *   unit: the service name (layer 'service') or feature name (layer 'renderer' under features/);
 *   isUnitEntry: the path is the unit's directory itself, i.e. its index.ts(x).
 */

const TOP_LAYERS = /** @type {const} */ ({
  'src-shared': 'shared',
  'src-renderer': 'renderer',
  'src-server': 'server',
  sim: 'sim',
  tests: 'tests',
  scripts: 'scripts',
});

/**
 * `src-main/services/b` (the directory, as an import target) is unit b's entry; `src-main/services/b/x` is
 * its internals. A linted file directly in `services/` (e.g. services/index.ts) belongs to no unit.
 * @param {string[]} parts
 * @param {string} parent the folder holding units, e.g. 'services'
 * @param {boolean} isFile
 * @returns {{ unit?: string, isUnitEntry?: boolean }}
 */
function unitOf(parts, parent, isFile) {
  const name = parts[2];
  if (parts[1] !== parent || name === undefined || (isFile && parts.length === 3)) return {};
  return { unit: name, isUnitEntry: parts.length === 3 };
}

/**
 * @param {string} repoPath repo-relative POSIX path: a linted file, or an import target's module path
 * @param {boolean} isFile true for a linted file (its last segment is a file name, never a directory)
 * @returns {Place}
 */
export function classify(repoPath, isFile) {
  const parts = repoPath.split('/');
  const top = parts[0] ?? '';
  if (top === 'src-main') {
    if (parts[1] === 'electron') return { layer: 'electron' };
    if (parts[1] === 'core') return { layer: 'core' };
    const service = unitOf(parts, 'services', isFile);
    return service.unit === undefined ? { layer: 'main' } : { layer: 'service', ...service };
  }
  if (top === 'src-renderer') return { layer: 'renderer', ...unitOf(parts, 'features', isFile) };
  if (Object.hasOwn(TOP_LAYERS, top)) return { layer: TOP_LAYERS[/** @type {keyof typeof TOP_LAYERS} */ (top)] };
  return { layer: 'other' };
}

/** Product code ships in the workstation or the server; everything else is tooling, tests or simulation. */
export const PRODUCT_LAYERS = new Set(['shared', 'electron', 'core', 'service', 'main', 'renderer', 'server']);

/** `*.test.ts(x)`, `*.spec.ts(x)`, `*.bench.ts(x)` and their .js/.mjs forms. */
export const TEST_FILE = /\.(?:test|spec|bench)\.[cm]?[jt]sx?$/;
