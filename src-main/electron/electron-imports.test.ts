import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The Electron-touching adapters. Everything else here must stay loadable (and testable) without Electron.
const ADAPTERS = new Set([
  'main.ts',
  'preload.ts',
  'app-protocol.ts',
  'core-process.ts',
  'safe-storage-cipher.ts',
  'shell-ipc.ts',
  'window-manager.ts',
]);

const dir = path.dirname(fileURLToPath(import.meta.url));
const sources = readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
const RUNTIME_ELECTRON_IMPORT = /^\s*import\s+(?!type\b)[^;]*from\s+['"]electron['"]/m;

describe('electron imports', () => {
  it.each(sources.filter((file) => !ADAPTERS.has(file)))('%s imports electron for types only', (file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    expect(RUNTIME_ELECTRON_IMPORT.test(text)).toBe(false);
    expect(text).not.toMatch(/require\(\s*['"]electron['"]\s*\)/);
  });

  it('the preload uses nothing of Electron but contextBridge and ipcRenderer', () => {
    const text = readFileSync(path.join(dir, 'preload.ts'), 'utf8');
    expect(text).toMatch(/import \{ contextBridge, ipcRenderer \} from 'electron';/);
    expect(text).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
  });

  it('no file has a default export', () => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      expect(readFileSync(path.join(dir, file), 'utf8'), file).not.toMatch(/export\s+default\b/);
    }
  });
});
