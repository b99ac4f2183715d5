// Flat config. Type-aware rules are off on purpose: `eslint .` must stay fast on 2 cores, and files
// that do not exist yet (or virtual files in tests) need no tsconfig entry.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { layeringPlugin } from './build/lint/layering.js';

const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const JS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs'];

// Plain .js/.mjs files here are Node scripts: the globals of the Node running ESLint are theirs.
const nodeGlobals = Object.fromEntries(Object.getOwnPropertyNames(globalThis).map((name) => [name, 'readonly']));

const noDefaultExport = {
  message:
    'Use a named export: default exports get a new name at every import site, which defeats search and rename (DESIGN.md §3).',
};

export default defineConfig(
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    'coverage/',
    'test-results/',
    'bench-results/',
    'resources/',
    '.data/',
    'tests/fixtures/',
  ]),
  js.configs.recommended,
  {
    files: JS_FILES,
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: nodeGlobals },
  },
  {
    files: TS_FILES,
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: [...TS_FILES, ...JS_FILES],
    plugins: { layering: layeringPlugin },
    rules: { 'layering/boundaries': 'error' },
  },
  {
    // Config files (vite.config.ts, eslint.config.js, ...) live at the root and must default-export.
    files: ['src-*/**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'Program > ExportDefaultDeclaration', ...noDefaultExport },
        { selector: 'Program > ExportNamedDeclaration > ExportSpecifier[exported.name="default"]', ...noDefaultExport },
      ],
    },
  },
  {
    // Workstation transactions open with BEGIN IMMEDIATE, through one helper: a deferred one that reads first fails
    // at once with SQLITE_BUSY while another connection writes, instead of waiting (store/write-transaction.ts).
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/services/store/write-transaction.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          property: 'transaction',
          message:
            'Open workstation transactions with writeTransaction(sqlite, fn) (services/store/write-transaction.ts): BEGIN IMMEDIATE waits for a writing connection, a plain BEGIN that reads first fails with SQLITE_BUSY.',
        },
      ],
    },
  },
);
