import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface PrivateDir {
  readonly path: string;
  remove(): void;
}

/** A folder only this user can enter (mkdtemp creates it 0700), for the files that carry credentials. */
export function createPrivateDir(prefix = 'ioc-streams-'): PrivateDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface SourceListFile {
  readonly path: string;
  /** Deletes the file; safe to call many times. */
  remove(): void;
}

/**
 * Writes the ffconcat list (which holds the camera URL with its credentials) as a new 0600 file. ffmpeg reads
 * it once while opening its input; the caller removes it as soon as that has happened.
 */
export function writeSourceList(dir: string, content: string): SourceListFile {
  const path = join(dir, `${randomBytes(12).toString('hex')}.ffconcat`);
  // 'wx': never follow or reuse an existing file; the mode applies because the file is new.
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  let removed = false;
  return {
    path,
    remove() {
      if (removed) return;
      removed = true;
      try {
        unlinkSync(path);
      } catch {
        // Already gone with its folder.
      }
    },
  };
}
