// Turns an import specifier into what it points at, by path shape only: the imported file need not exist.
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * @typedef {{ kind: 'file', module: string }} FileTarget  module: repo-relative POSIX path, extension and /index stripped
 * @typedef {{ kind: 'outside' }} OutsideTarget  a relative path that leaves the repository
 * @typedef {{ kind: 'builtin', name: string }} BuiltinTarget
 * @typedef {{ kind: 'package', name: string }} PackageTarget  name: 'zod', '@scope/pkg'
 * @typedef {FileTarget | OutsideTarget | BuiltinTarget | PackageTarget} Target
 */

/** Top-level repo folders; a bare specifier starting with one is an alias for a repo path, not a package. */
export const REPO_TOP_DIRS = [
  'src-shared',
  'src-main',
  'src-renderer',
  'src-server',
  'sim',
  'tests',
  'scripts',
  'build',
];

const CODE_EXTENSION = /\.(?:d\.ts|[cm]?[jt]sx?)$/;
const BUILTINS = new Set(builtinModules);

/**
 * Repo-relative POSIX path of an absolute path, or null when it lies outside the repo.
 * @param {string} root absolute repo root
 * @param {string} absolute
 * @returns {string | null}
 */
export function toRepoPath(root, absolute) {
  const relative = path.relative(root, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep).join('/');
}

/**
 * 'a/b/index.ts' → 'a/b', 'a/b.tsx' → 'a/b': a directory import and its index are the same module.
 * @param {string} repoPath
 * @returns {string}
 */
export function toModulePath(repoPath) {
  const withoutExtension = repoPath.replace(CODE_EXTENSION, '');
  return withoutExtension.endsWith('/index') ? withoutExtension.slice(0, -'/index'.length) : withoutExtension;
}

/**
 * @param {string} specifier
 * @returns {string} 'zod/mini' → 'zod', '@scope/pkg/x' → '@scope/pkg'
 */
export function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * @param {string} specifier
 * @returns {boolean}
 */
export function isNodeBuiltin(specifier) {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(packageName(specifier));
}

/**
 * @param {string} specifier as written in the import
 * @param {string} importerFile absolute path of the linted file
 * @param {string} root absolute repo root
 * @returns {Target}
 */
export function resolveSpecifier(specifier, importerFile, root) {
  const isPath = specifier.startsWith('.') || path.isAbsolute(specifier);
  const isRepoAlias = REPO_TOP_DIRS.includes(packageName(specifier));
  if (isPath || isRepoAlias) {
    const absolute = isPath ? path.resolve(path.dirname(importerFile), specifier) : path.resolve(root, specifier);
    const repoPath = toRepoPath(root, absolute);
    return repoPath === null ? { kind: 'outside' } : { kind: 'file', module: toModulePath(repoPath) };
  }
  if (isNodeBuiltin(specifier)) return { kind: 'builtin', name: specifier };
  return { kind: 'package', name: packageName(specifier) };
}
