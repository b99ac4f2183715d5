// Proves the `layering/boundaries` rule (build/lint/) through ESLint's Node API with the repo's own
// eslint.config.js. Files are virtual: the rule resolves imports by path shape, so nothing needs to exist.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: repoRoot });

const RULE = 'layering/boundaries';

/** Layering messages for `code` linted as if it lived at repo-relative `file`. */
async function layeringMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  if (result === undefined) throw new Error(`no lint result for ${file}`);
  // ruleId null means a parse error or "file ignored / no matching configuration": the case proved nothing.
  expect(result.messages.filter((m) => m.ruleId === null)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

const WHY = {
  shared: 'shared code runs in the renderer, the core and the server alike',
  electron: 'services and core must run in the browser host and in tests, where no Electron exists',
  serviceInternals: "a service's internals can change without breaking its neighbours",
  serviceUpward: 'dependencies flow core → services',
  renderer: 'the renderer runs sandboxed',
  feature: 'features stay independent so one can be removed without breaking the others',
  server: 'the central server shares only src-shared with the workstation',
  main: 'the renderer and the server are separate programs',
  sim: 'simulated devices and test helpers never ship',
};

interface Case {
  name: string;
  file: string;
  code: string;
}

const forbidden: (Case & { why: string })[] = [
  // Rule 1: src-shared is pure.
  {
    name: 'shared → node:fs',
    file: 'src-shared/domain/geo.ts',
    code: "import { readFileSync } from 'node:fs';",
    why: WHY.shared,
  },
  { name: 'shared → fs', file: 'src-shared/domain/geo.ts', code: "import fs from 'fs';", why: WHY.shared },
  {
    name: 'shared → fs/promises',
    file: 'src-shared/domain/geo.ts',
    code: "import { readFile } from 'fs/promises';",
    why: WHY.shared,
  },
  {
    name: 'shared → type-only path',
    file: 'src-shared/domain/geo.ts',
    code: "import type { ParsedPath } from 'path';",
    why: WHY.shared,
  },
  {
    name: 'shared → react',
    file: 'src-shared/i18n/hook.ts',
    code: "import { useState } from 'react';",
    why: WHY.shared,
  },
  {
    name: 'shared → electron',
    file: 'src-shared/contract/shell.ts',
    code: "import { ipcRenderer } from 'electron';",
    why: WHY.shared,
  },
  {
    name: 'shared → src-main',
    file: 'src-shared/domain/case.ts',
    code: "import { x } from '../../src-main/core/dispatch';",
    why: WHY.shared,
  },
  {
    name: 'shared → repo-root alias',
    file: 'src-shared/domain/case.ts',
    code: "import { x } from 'src-main/core/dispatch';",
    why: WHY.shared,
  },
  {
    name: 'shared → outside the repo',
    file: 'src-shared/domain/case.ts',
    code: "import { x } from '../../../elsewhere';",
    why: WHY.shared,
  },
  {
    name: 'shared → import x = require()',
    file: 'src-shared/domain/geo.ts',
    code: "import fs = require('node:fs');",
    why: WHY.shared,
  },
  {
    name: 'shared → typeof import()',
    file: 'src-shared/domain/geo.ts',
    code: "export type Fs = typeof import('node:fs');",
    why: WHY.shared,
  },
  // Rule 2: only src-main/electron imports electron.
  {
    name: 'service → electron',
    file: 'src-main/services/cameras/rtsp.ts',
    code: "import { app } from 'electron';",
    why: WHY.electron,
  },
  {
    name: 'service → type-only electron',
    file: 'src-main/services/cameras/rtsp.ts',
    code: "import type { App } from 'electron';",
    why: WHY.electron,
  },
  {
    name: 'core → electron/main',
    file: 'src-main/core/host.ts',
    code: "import { app } from 'electron/main';",
    why: WHY.electron,
  },
  {
    name: 'core → electron via import()',
    file: 'src-main/core/host.ts',
    code: "export const load = () => import('electron');",
    why: WHY.electron,
  },
  {
    name: 'core → electron via require()',
    file: 'src-main/core/host.ts',
    code: "export const e = require('electron');",
    why: WHY.electron,
  },
  {
    name: 'core → src-main/electron',
    file: 'src-main/core/host.ts',
    code: "import { openWindow } from '../electron/window';",
    why: WHY.electron,
  },
  // Rule 3: services meet only at index.ts and never reach up.
  {
    name: 'service → other service internals',
    file: 'src-main/services/cases/workflow.ts',
    code: "import { openStore } from '../store/open-store';",
    why: WHY.serviceInternals,
  },
  {
    name: 'service → other service internals (export-from)',
    file: 'src-main/services/cases/workflow.ts',
    code: "export { openStore } from '../store/open-store';",
    why: WHY.serviceInternals,
  },
  {
    name: 'service → other service nested index',
    file: 'src-main/services/cases/workflow.ts',
    code: "import { m } from '../store/migrations';",
    why: WHY.serviceInternals,
  },
  {
    name: 'service → core',
    file: 'src-main/services/cases/workflow.ts',
    code: "import { dispatch } from '../../core/dispatch';",
    why: WHY.serviceUpward,
  },
  {
    name: 'service → src-main/electron',
    file: 'src-main/services/cases/workflow.ts',
    code: "import { win } from '../../electron/window';",
    why: WHY.serviceUpward,
  },
  // Rule 4: the renderer is sandboxed; features stay independent.
  {
    name: 'feature → other feature internals',
    file: 'src-renderer/features/wall/Wall.tsx',
    code: "import { Tile } from '../cameras/Tile';",
    why: WHY.feature,
  },
  {
    name: 'feature → other feature nested index',
    file: 'src-renderer/features/wall/Wall.tsx',
    code: "import { Row } from '../cameras/parts';",
    why: WHY.feature,
  },
  {
    name: 'renderer → node:path',
    file: 'src-renderer/ui/Icon.tsx',
    code: "import { join } from 'node:path';",
    why: WHY.renderer,
  },
  {
    name: 'renderer → electron',
    file: 'src-renderer/bridge/ipc.ts',
    code: "import { ipcRenderer } from 'electron';",
    why: WHY.renderer,
  },
  {
    name: 'renderer → ws',
    file: 'src-renderer/bridge/socket.ts',
    code: "import WebSocket from 'ws';",
    why: WHY.renderer,
  },
  {
    name: 'renderer → src-main',
    file: 'src-renderer/stores/cases.ts',
    code: "import { x } from '../../src-main/core/dispatch';",
    why: WHY.renderer,
  },
  {
    name: 'renderer → src-server',
    file: 'src-renderer/stores/cases.ts',
    code: "import { x } from '../../src-server/api';",
    why: WHY.renderer,
  },
  // Rule 5: the server shares only src-shared.
  {
    name: 'server → src-main',
    file: 'src-server/api/cases.ts',
    code: "import { audit } from '../../src-main/services/audit';",
    why: WHY.server,
  },
  {
    name: 'server → src-renderer',
    file: 'src-server/api/cases.ts',
    code: "import { x } from '../../src-renderer/stores/cases';",
    why: WHY.server,
  },
  {
    name: 'server → electron',
    file: 'src-server/api/cases.ts',
    code: "import { app } from 'electron';",
    why: WHY.server,
  },
  // Rule 6: sim/ and tests/ never ship.
  {
    name: 'core → sim',
    file: 'src-main/core/boot.ts',
    code: "import { fakeCamera } from '../../sim/cameras';",
    why: WHY.sim,
  },
  {
    name: 'service → sim',
    file: 'src-main/services/cameras/probe.ts',
    code: "import { fakeCamera } from '../../../sim/cameras/fake';",
    why: WHY.sim,
  },
  {
    name: 'renderer → tests',
    file: 'src-renderer/app/App.tsx',
    code: "import { fixture } from '../../tests/fixtures/cases';",
    why: WHY.sim,
  },
  {
    name: 'server → sim',
    file: 'src-server/ingest/cameras.ts',
    code: "import { fakeCamera } from '../../sim';",
    why: WHY.sim,
  },
  // Rule 7: src-main is headless.
  {
    name: 'core → src-renderer',
    file: 'src-main/core/host.ts',
    code: "import { App } from '../../src-renderer/app/App';",
    why: WHY.main,
  },
  {
    name: 'service → src-server',
    file: 'src-main/services/sync/push.ts',
    code: "import { api } from '../../../src-server/api';",
    why: WHY.main,
  },
];

const allowed: Case[] = [
  { name: 'shared → zod', file: 'src-shared/contract/x.ts', code: "import { z } from 'zod';" },
  { name: 'shared → zod subpath', file: 'src-shared/contract/x.ts', code: "import { z } from 'zod/mini';" },
  { name: 'shared → own file', file: 'src-shared/i18n/x.ts', code: "import { en } from './locales/en';" },
  {
    name: 'shared → own directory (exists)',
    file: 'src-shared/i18n/x.ts',
    code: "import { ROLES } from '../contract';",
  },
  {
    name: 'shared test → vitest and node:fs',
    file: 'src-shared/domain/geo.test.ts',
    code: "import { it } from 'vitest';\nimport { readFileSync } from 'node:fs';",
  },
  {
    name: 'service → other service directory',
    file: 'src-main/services/cases/workflow.ts',
    code: "import { openStore } from '../store';",
  },
  {
    name: 'service → other service directory/',
    file: 'src-main/services/cases/workflow.ts',
    code: "import { openStore } from '../store/';",
  },
  {
    name: 'service → other service index',
    file: 'src-main/services/cases/workflow.ts',
    code: "export { openStore } from '../store/index';",
  },
  {
    name: 'service → own internals',
    file: 'src-main/services/store/index.ts',
    code: "export { openStore } from './open-store';",
  },
  {
    name: 'service → node and packages',
    file: 'src-main/services/store/open-store.ts',
    code: "import Database from 'better-sqlite3';\nimport { join } from 'node:path';",
  },
  {
    name: 'service → src-shared',
    file: 'src-main/services/cases/workflow.ts',
    code: "import { ROLES } from '../../../src-shared/contract';",
  },
  {
    name: 'core → service index',
    file: 'src-main/core/compose.ts',
    code: "import { openStore } from '../services/store';",
  },
  {
    name: 'electron dir → electron',
    file: 'src-main/electron/main.ts',
    code: "import { app, BrowserWindow } from 'electron';",
  },
  { name: 'electron dir → core', file: 'src-main/electron/main.ts', code: "import { startCore } from '../core';" },
  {
    name: 'feature → own files',
    file: 'src-renderer/features/wall/Wall.tsx',
    code: "import { Tile } from './Tile';\nimport { Row } from './parts/Row';",
  },
  {
    name: 'feature → other feature directory',
    file: 'src-renderer/features/wall/Wall.tsx',
    code: "import { CameraList } from '../cameras';",
  },
  {
    name: 'feature → other feature index',
    file: 'src-renderer/features/wall/Wall.tsx',
    code: "import { CameraList } from '../cameras/index';",
  },
  {
    name: 'feature → renderer ui and stores',
    file: 'src-renderer/features/wall/Wall.tsx',
    code: "import { Button } from '../../ui/Button';\nimport { useCases } from '../../stores/cases';",
  },
  {
    name: 'renderer → src-shared',
    file: 'src-renderer/stores/cases.ts',
    code: "import { ROLES } from '../../src-shared/contract';",
  },
  {
    name: 'renderer → browser packages',
    file: 'src-renderer/stores/cases.ts',
    code: "import { create } from 'zustand';\nimport { useState } from 'react';",
  },
  {
    name: 'server → src-shared and node',
    file: 'src-server/api/cases.ts',
    code: "import { ROLES } from '../../src-shared/contract';\nimport { createServer } from 'node:http';",
  },
  {
    name: 'unit test file → sim',
    file: 'src-main/services/cases/workflow.test.ts',
    code: "import { fakeCamera } from '../../../sim/cameras';",
  },
  {
    name: 'renderer test file → tests',
    file: 'src-renderer/features/wall/Wall.test.tsx',
    code: "import { fixture } from '../../../tests/fixtures/cases';",
  },
  {
    name: 'bench file → sim',
    file: 'src-main/core/dispatch.bench.ts',
    code: "import { fakeCamera } from '../../sim/cameras';",
  },
  {
    name: 'tests/ → sim and src-main',
    file: 'tests/integration/x.test.ts',
    code: "import { fakeCamera } from '../../sim/cameras';\nimport { startCore } from '../../src-main/core';",
  },
  { name: 'sim → src-shared', file: 'sim/cameras/fake.ts', code: "import { ROLES } from '../../src-shared/contract';" },
  {
    name: 'launcher script → electron binary and sim',
    file: 'scripts/start.mjs',
    code: "import electron from 'electron';\nimport { fake } from '../sim/index.js';",
  },
];

describe('layering/boundaries', () => {
  it.each(forbidden)('rejects $name', async ({ file, code, why }) => {
    const messages = await layeringMessages(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(why);
  });

  it.each(allowed)('allows $name', async ({ file, code }) => {
    expect(await layeringMessages(file, code)).toEqual([]);
  });

  it('ignores computed specifiers it cannot resolve', async () => {
    expect(await layeringMessages('src-shared/domain/x.ts', 'export const load = (m: string) => import(m);')).toEqual(
      [],
    );
  });
});

describe('eslint.config.js', () => {
  it('forbids default exports in src-* but not in root config files', async () => {
    const code = 'const value = 1;\nexport default value;\n';
    const [inSource] = await eslint.lintText(code, { filePath: path.join(repoRoot, 'src-shared/domain/x.ts') });
    const [inConfig] = await eslint.lintText(code, { filePath: path.join(repoRoot, 'vite.config.ts') });
    expect(inSource?.messages.map((m) => m.ruleId)).toEqual(['no-restricted-syntax']);
    expect(inConfig?.messages).toEqual([]);
  });

  it('forbids explicit any and type imports written as value imports', async () => {
    const code = "import { Messages } from '../i18n';\nexport const f = (m: Messages, x: any): unknown => [m, x];\n";
    const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, 'src-shared/domain/x.ts') });
    expect(result?.messages.map((m) => m.ruleId).sort()).toEqual([
      '@typescript-eslint/consistent-type-imports',
      '@typescript-eslint/no-explicit-any',
    ]);
  });
});
