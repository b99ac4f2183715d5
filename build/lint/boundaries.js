// ESLint rule `layering/boundaries`: every import, export-from, import(), require() and `import x = require()`
// must respect the layering of DESIGN.md §3. Resolution is by path shape; imported files need not exist.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { classify, TEST_FILE } from './layers.js';
import { MESSAGES } from './messages.js';
import { checkImport, DEFAULT_POLICY } from './policy.js';
import { resolveSpecifier, toRepoPath } from './resolve.js';

/** This file lives in <repo>/build/lint/. */
const DEFAULT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * @typedef {import('estree').Node} Node
 * @typedef {{ root?: string, sharedPackages?: string[], nodeOnlyPackages?: string[] }} Options
 * @typedef {{ expression?: Node, source?: Node, argument?: { literal?: Node } }} TsModuleNode
 *   TSExternalModuleReference (`import x = require('y')`) or TSImportType (`typeof import('y')`);
 *   typescript-eslint before 8.x named TSImportType's string `argument.literal`, now `source`.
 */

const stringList = { type: 'array', items: { type: 'string' }, uniqueItems: true };

/**
 * The string a module-source node names, or null when it is computed at run time.
 * @param {Node | null | undefined} node
 * @returns {string | null}
 */
function staticString(node) {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const boundaries = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Enforce the layering of DESIGN.md §3: who may import whom, and why.',
    },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' }, sharedPackages: stringList, nodeOnlyPackages: stringList },
        additionalProperties: false,
      },
    ],
    messages: MESSAGES,
  },
  create(context) {
    /** @type {Options} */
    const options = context.options[0] ?? {};
    const root = options.root ?? DEFAULT_ROOT;
    const policy = {
      sharedPackages: options.sharedPackages ?? DEFAULT_POLICY.sharedPackages,
      nodeOnlyPackages: options.nodeOnlyPackages ?? DEFAULT_POLICY.nodeOnlyPackages,
    };
    const file = context.filename;
    const repoPath = path.isAbsolute(file) ? toRepoPath(root, file) : null;
    if (repoPath === null) return {};
    const importer = { place: classify(repoPath, true), isTest: TEST_FILE.test(repoPath) };

    /** @param {Node | null | undefined} source */
    function check(source) {
      const specifier = staticString(source);
      if (source == null || specifier === null) return;
      const violation = checkImport(importer, resolveSpecifier(specifier, file, root), policy);
      if (violation !== null) {
        context.report({ node: source, messageId: violation.messageId, data: { spec: specifier, ...violation.data } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          check(/** @type {Node | undefined} */ (node.arguments[0]));
        }
      },
      /** @param {TsModuleNode} node */
      TSExternalModuleReference: (node) => check(node.expression),
      /** @param {TsModuleNode} node */
      TSImportType: (node) => check(node.source ?? node.argument?.literal),
    };
  },
};
