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
  unknownLayer: 'it belongs to no layer of DESIGN.md §3',
};

// [linted file, its code, the why the message must give]
const forbidden: [file: string, code: string, why: string][] = [
  // Rule 1: src-shared is pure.
  ['src-shared/domain/geo.ts', "import { readFileSync } from 'node:fs';", WHY.shared],
  ['src-shared/domain/geo.ts', "import fs from 'fs';", WHY.shared],
  ['src-shared/domain/geo.ts', "import { readFile } from 'fs/promises';", WHY.shared],
  ['src-shared/domain/geo.ts', "import type { ParsedPath } from 'path';", WHY.shared],
  ['src-shared/i18n/hook.ts', "import { useState } from 'react';", WHY.shared],
  ['src-shared/contract/shell.ts', "import { ipcRenderer } from 'electron';", WHY.shared],
  ['src-shared/domain/case.ts', "import { x } from '../../src-main/core/dispatch';", WHY.shared],
  ['src-shared/domain/case.ts', "import { x } from 'src-main/core/dispatch';", WHY.shared],
  ['src-shared/domain/case.ts', "import { x } from '../../../elsewhere';", WHY.shared],
  ['src-shared/domain/geo.ts', "import fs = require('node:fs');", WHY.shared],
  ['src-shared/domain/geo.ts', "export type Fs = typeof import('node:fs');", WHY.shared],
  // Rule 8: no back door through a folder that is no layer (the server and the core would share it unchecked).
  ['src-server/unread-body.ts', "import { drain } from '../src-node/drain';", WHY.unknownLayer],
  ['src-main/core/refuse-upload.ts', "import { drain } from '../../src-node/drain';", WHY.unknownLayer],
  ['src-renderer/features/wall/Wall.tsx', "import { x } from '../../../lib/x';", WHY.unknownLayer],
  // Rule 2: only src-main/electron imports electron.
  ['src-main/services/cameras/rtsp.ts', "import { app } from 'electron';", WHY.electron],
  ['src-main/services/cameras/rtsp.ts', "import type { App } from 'electron';", WHY.electron],
  ['src-main/core/host.ts', "import { app } from 'electron/main';", WHY.electron],
  ['src-main/core/host.ts', "export const load = () => import('electron');", WHY.electron],
  ['src-main/core/host.ts', "export const e = require('electron');", WHY.electron],
  ['src-main/core/host.ts', "import { openWindow } from '../electron/window';", WHY.electron],
  // Rule 3: services meet only at index.ts and never reach up.
  ['src-main/services/cases/workflow.ts', "import { openStore } from '../store/open-store';", WHY.serviceInternals],
  ['src-main/services/cases/workflow.ts', "export { openStore } from '../store/open-store';", WHY.serviceInternals],
  ['src-main/services/cases/workflow.ts', "import { m } from '../store/migrations';", WHY.serviceInternals],
  ['src-main/services/cases/workflow.ts', "import { dispatch } from '../../core/dispatch';", WHY.serviceUpward],
  ['src-main/services/cases/workflow.ts', "import { win } from '../../electron/window';", WHY.serviceUpward],
  // Rule 4: the renderer is sandboxed; features stay independent.
  ['src-renderer/features/wall/Wall.tsx', "import { Tile } from '../cameras/Tile';", WHY.feature],
  ['src-renderer/features/wall/Wall.tsx', "import { Row } from '../cameras/parts';", WHY.feature],
  ['src-renderer/ui/Icon.tsx', "import { join } from 'node:path';", WHY.renderer],
  ['src-renderer/bridge/ipc.ts', "import { ipcRenderer } from 'electron';", WHY.renderer],
  ['src-renderer/bridge/socket.ts', "import WebSocket from 'ws';", WHY.renderer],
  ['src-renderer/stores/cases.ts', "import { x } from '../../src-main/core/dispatch';", WHY.renderer],
  ['src-renderer/stores/cases.ts', "import { x } from '../../src-server/api';", WHY.renderer],
  // Rule 5: the server shares only src-shared.
  ['src-server/api/cases.ts', "import { audit } from '../../src-main/services/audit';", WHY.server],
  ['src-server/api/cases.ts', "import { x } from '../../src-renderer/stores/cases';", WHY.server],
  ['src-server/api/cases.ts', "import { app } from 'electron';", WHY.server],
  // Rule 6: sim/ and tests/ never ship.
  ['src-main/core/boot.ts', "import { fakeCamera } from '../../sim/cameras';", WHY.sim],
  ['src-main/services/cameras/probe.ts', "import { fakeCamera } from '../../../sim/cameras/fake';", WHY.sim],
  ['src-renderer/app/App.tsx', "import { fixture } from '../../tests/fixtures/cases';", WHY.sim],
  ['src-server/ingest/cameras.ts', "import { fakeCamera } from '../../sim';", WHY.sim],
  // Rule 7: src-main is headless.
  ['src-main/core/host.ts', "import { App } from '../../src-renderer/app/App';", WHY.main],
  ['src-main/services/sync/push.ts', "import { api } from '../../../src-server/api';", WHY.main],
];

const allowed: [file: string, code: string][] = [
  ['src-shared/contract/x.ts', "import { z } from 'zod';"],
  ['src-shared/contract/x.ts', "import { z } from 'zod/mini';"],
  ['src-shared/i18n/x.ts', "import { en } from './locales/en';"],
  ['src-shared/i18n/x.ts', "import { ROLES } from '../contract';"],
  ['src-shared/domain/geo.test.ts', "import { it } from 'vitest';\nimport { readFileSync } from 'node:fs';"],
  ['src-main/services/cases/workflow.ts', "import { openStore } from '../store';"],
  ['src-server/server.ts', "import pkg from '../package.json' with { type: 'json' };"],
  ['src-main/services/cases/workflow.ts', "import { openStore } from '../store/';"],
  ['src-main/services/cases/workflow.ts', "export { openStore } from '../store/index';"],
  ['src-main/services/store/index.ts', "export { openStore } from './open-store';"],
  [
    'src-main/services/store/open-store.ts',
    "import Database from 'better-sqlite3';\nimport { join } from 'node:path';",
  ],
  ['src-main/services/cases/workflow.ts', "import { ROLES } from '../../../src-shared/contract';"],
  ['src-main/core/compose.ts', "import { openStore } from '../services/store';"],
  ['src-main/electron/main.ts', "import { app, BrowserWindow } from 'electron';"],
  ['src-main/electron/main.ts', "import { startCore } from '../core';"],
  ['src-renderer/features/wall/Wall.tsx', "import { Tile } from './Tile';\nimport { Row } from './parts/Row';"],
  ['src-renderer/features/wall/Wall.tsx', "import { CameraList } from '../cameras';"],
  ['src-renderer/features/wall/Wall.tsx', "import { CameraList } from '../cameras/index';"],
  [
    'src-renderer/features/wall/Wall.tsx',
    "import { Button } from '../../ui/Button';\nimport { useCases } from '../../stores/cases';",
  ],
  ['src-renderer/stores/cases.ts', "import { ROLES } from '../../src-shared/contract';"],
  ['src-renderer/stores/cases.ts', "import { create } from 'zustand';\nimport { useState } from 'react';"],
  [
    'src-server/api/cases.ts',
    "import { ROLES } from '../../src-shared/contract';\nimport { createServer } from 'node:http';",
  ],
  ['src-main/services/cases/workflow.test.ts', "import { fakeCamera } from '../../../sim/cameras';"],
  ['src-renderer/features/wall/Wall.test.tsx', "import { fixture } from '../../../tests/fixtures/cases';"],
  ['src-main/core/dispatch.bench.ts', "import { fakeCamera } from '../../sim/cameras';"],
  [
    'tests/integration/x.test.ts',
    "import { fakeCamera } from '../../sim/cameras';\nimport { startCore } from '../../src-main/core';",
  ],
  ['sim/cameras/fake.ts', "import { ROLES } from '../../src-shared/contract';"],
  ['scripts/start.mjs', "import electron from 'electron';\nimport { fake } from '../sim/index.js';"],
];

describe('layering/boundaries', () => {
  it.each(forbidden)('rejects %s: %s', async (file, code, why) => {
    const messages = await layeringMessages(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(why);
  });

  it.each(allowed)('allows %s: %s', async (file, code) => {
    expect(await layeringMessages(file, code)).toEqual([]);
  });

  it('ignores computed specifiers it cannot resolve', async () => {
    const code = 'export const load = (m: string) => import(m);';
    expect(await layeringMessages('src-shared/domain/x.ts', code)).toEqual([]);
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
