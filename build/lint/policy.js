// Decides whether one import crosses a layer boundary (DESIGN.md §3). Pure: no ESLint, no file system.
import { classify, PRODUCT_LAYERS } from './layers.js';

/**
 * @typedef {import('./resolve.js').Target} Target
 * @typedef {import('./layers.js').Place} Place
 * @typedef {import('./messages.js').MessageId} MessageId
 * @typedef {{ messageId: MessageId, data?: Record<string, string> }} Violation
 * @typedef {{ sharedPackages: string[], nodeOnlyPackages: string[] }} Policy
 * @typedef {{ place: Place, isTest: boolean }} Importer
 * @typedef {{ target: Target, place: Place | null, where: string }} Imported  place/where only for repo files
 */

/** @type {Policy} */
export const DEFAULT_POLICY = {
  sharedPackages: ['zod'],
  nodeOnlyPackages: ['better-sqlite3', 'ws', 'playwright-core'],
};

/**
 * @param {Target} target
 * @returns {Imported}
 */
export function describeTarget(target) {
  if (target.kind !== 'file') return { target, place: null, where: '' };
  const place = classify(target.module, false);
  const parts = target.module.split('/');
  const depth = place.layer === 'electron' || place.layer === 'core' ? 2 : 1;
  return { target, place, where: parts.slice(0, depth).join('/') + '/' };
}

/**
 * @param {Imported} imported
 * @returns {boolean}
 */
const isElectron = ({ target }) => target.kind === 'package' && target.name === 'electron';

/**
 * @param {Imported} imported
 * @param {readonly string[]} layers
 * @returns {boolean}
 */
const inLayer = ({ place }, layers) => place !== null && layers.includes(place.layer);

/**
 * Rule 1: shared code is pure. Test files run under vitest in Node and never ship, so they may use Node and
 * test packages.
 * @param {Importer} importer
 * @param {Imported} imported
 * @param {Policy} policy
 * @returns {Violation | null}
 */
function checkShared(importer, imported, policy) {
  const { target } = imported;
  if (target.kind === 'outside') return { messageId: 'sharedOutside' };
  if (target.kind === 'file') return imported.place?.layer === 'shared' ? null : { messageId: 'sharedOutside' };
  if (isElectron(imported)) return { messageId: 'sharedPackage', data: { allowed: policy.sharedPackages.join(', ') } };
  if (importer.isTest) return null;
  if (target.kind === 'builtin') return { messageId: 'sharedNode' };
  if (policy.sharedPackages.includes(target.name)) return null;
  return { messageId: 'sharedPackage', data: { allowed: policy.sharedPackages.join(', ') } };
}

/**
 * Rule 4: the renderer imports src-shared, its own files and browser packages; features stay independent.
 * @param {Importer} importer
 * @param {Imported} imported
 * @param {Policy} policy
 * @returns {Violation | null}
 */
function checkRenderer(importer, imported, policy) {
  const { target, place } = imported;
  if (isElectron(imported)) return { messageId: 'rendererOutside', data: { where: 'electron' } };
  if (target.kind === 'builtin') return importer.isTest ? null : { messageId: 'rendererNode' };
  if (target.kind === 'package') {
    return importer.isTest || !policy.nodeOnlyPackages.includes(target.name) ? null : { messageId: 'rendererPackage' };
  }
  if (inLayer(imported, ['electron', 'core', 'service', 'main', 'server', 'scripts'])) {
    return { messageId: 'rendererOutside', data: { where: imported.where } };
  }
  const own = importer.place.unit;
  const other = place?.unit;
  if (own !== undefined && other !== undefined && other !== own && place?.isUnitEntry !== true) {
    return { messageId: 'featureInternal', data: { unit: own, other } };
  }
  return null;
}

/**
 * Rule 5: the server shares only src-shared with the workstation.
 * @param {Imported} imported
 * @returns {Violation | null}
 */
function checkServer(imported) {
  if (isElectron(imported)) return { messageId: 'serverOutside', data: { where: 'electron' } };
  if (inLayer(imported, ['electron', 'core', 'service', 'main', 'renderer'])) {
    return { messageId: 'serverOutside', data: { where: imported.where } };
  }
  return null;
}

/**
 * Rules 3 and 7: services reach each other only through index.ts and never reach up into core or electron.
 * @param {Importer} importer
 * @param {Imported} imported
 * @returns {Violation | null}
 */
function checkService(importer, imported) {
  const own = importer.place.unit ?? '';
  const { place } = imported;
  if (inLayer(imported, ['core', 'electron'])) {
    return { messageId: 'serviceUpward', data: { unit: own, where: imported.where } };
  }
  if (place?.layer === 'service' && place.unit !== own && place.isUnitEntry !== true) {
    return { messageId: 'serviceInternal', data: { unit: own, other: place.unit ?? '' } };
  }
  return null;
}

/**
 * The first broken rule for one import, or null when the import is allowed.
 * @param {Importer} importer
 * @param {Target} target
 * @param {Policy} policy
 * @returns {Violation | null}
 */
export function checkImport(importer, target, policy) {
  const imported = describeTarget(target);
  const { layer } = importer.place;
  const isProduct = PRODUCT_LAYERS.has(layer);

  // Rule 6 first: its message is the most specific one for any layer.
  if (isProduct && !importer.isTest && inLayer(imported, ['sim', 'tests'])) {
    return { messageId: 'simOrTests', data: { where: imported.where } };
  }
  // Rule 8: product code lives in the known layers; a new top-level folder would be a back door past rules 1–7.
  // Files at the repo root (package.json) are no folder of code.
  if (isProduct && inLayer(imported, ['other']) && target.kind === 'file' && target.module.includes('/')) {
    return { messageId: 'unknownLayer', data: { where: imported.where } };
  }
  if (layer === 'shared') return checkShared(importer, imported, policy);
  if (layer === 'renderer') return checkRenderer(importer, imported, policy);
  if (layer === 'server') return checkServer(imported);
  // Rule 2. Tooling (scripts/, tests/) may import 'electron': in Node it is the path of the binary to spawn.
  if (isProduct && layer !== 'electron' && isElectron(imported)) return { messageId: 'electronOutside' };
  const upward = layer === 'service' ? checkService(importer, imported) : null;
  if (upward !== null) return upward;
  if (layer === 'core' && inLayer(imported, ['electron'])) return { messageId: 'coreToElectron' };
  // Rule 7, for src-main outside electron/.
  if ((layer === 'core' || layer === 'service' || layer === 'main') && inLayer(imported, ['renderer', 'server'])) {
    return { messageId: 'mainOutside', data: { where: imported.where } };
  }
  return null;
}
