import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagedResourcesDir, resolveAppPaths } from './app-paths';

describe('resolveAppPaths', () => {
  it('finds core, renderer and preload next to dist/electron', () => {
    const dir = path.resolve('/opt/IOC Wall/resources/app.asar/dist/electron');
    const dist = path.dirname(dir);
    expect(resolveAppPaths(dir)).toEqual({
      coreEntry: path.join(dist, 'core', 'cli.mjs'),
      rendererRoot: path.join(dist, 'renderer'),
      preload: path.join(dir, 'preload.cjs'),
    });
  });
});

describe('packagedResourcesDir', () => {
  it('points at extraResources only when packaged', () => {
    const resourcesPath = path.resolve('/opt/IOC Wall/resources');
    expect(packagedResourcesDir({ isPackaged: true, resourcesPath })).toBe(path.join(resourcesPath, 'resources'));
    expect(packagedResourcesDir({ isPackaged: false, resourcesPath })).toBeUndefined();
  });
});
