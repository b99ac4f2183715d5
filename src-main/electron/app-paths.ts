import path from 'node:path';

export interface AppPaths {
  /** Built core entry, started as a utility process. */
  readonly coreEntry: string;
  /** Built renderer served over app://. */
  readonly rendererRoot: string;
  /** Bundled preload. */
  readonly preload: string;
}

/**
 * Locations of the other build outputs relative to the directory holding main.cjs (dist/electron). The same
 * layout holds inside app.asar, so packaged and unpacked runs resolve alike.
 */
export function resolveAppPaths(electronDistDir: string): AppPaths {
  const dist = path.resolve(electronDistDir, '..');
  return {
    coreEntry: path.join(dist, 'core', 'cli.mjs'),
    rendererRoot: path.join(dist, 'renderer'),
    preload: path.join(dist, 'electron', 'preload.cjs'),
  };
}

/** File name of the encrypted secret store inside userData. */
export const SECRET_FILE_NAME = 'secrets.json';

export interface ResourcesDirInput {
  readonly isPackaged: boolean;
  /** `process.resourcesPath` of the packaged app. */
  readonly resourcesPath: string;
}

/**
 * The packaged app's resources/ folder (electron-builder extraResources puts it next to app.asar, outside
 * it), or undefined in development, where the core's own default (<app root>/resources) is right.
 */
export function packagedResourcesDir(input: ResourcesDirInput): string | undefined {
  return input.isPackaged ? path.join(input.resourcesPath, 'resources') : undefined;
}
