import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Files the outbox will upload, named by their SHA-256 under the data folder (`outbox-media/ab/abcd…`). A file is
 * written whole and flushed to disk before it is renamed into place, so a crash leaves either nothing or the whole
 * file, and the command naming it is queued only after that.
 */
export function createLocalBlobStore(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  function pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256.slice(0, 80)}`);
    return join(dir, sha256.slice(0, 2), sha256);
  }

  return {
    pathOf,

    /** Stores the bytes (once per content) and returns their address. Synchronous: it runs before a transaction. */
    put(bytes: Uint8Array): { sha256: string; size: number } {
      if (bytes.length === 0) throw new Error('an empty file is not stored');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const target = pathOf(sha256);
      mkdirSync(join(dir, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
      const temp = join(dir, `.in-${randomBytes(8).toString('hex')}`);
      const fd = openSync(temp, 'wx', 0o600);
      try {
        for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      try {
        renameSync(temp, target);
      } catch (error) {
        unlinkSync(temp);
        throw error;
      }
      const dirFd = openSync(join(dir, sha256.slice(0, 2)), 'r');
      try {
        fsyncSync(dirFd);
      } finally {
        closeSync(dirFd);
      }
      return { sha256, size: bytes.length };
    },

    /** The bytes, checked against their name: a damaged file is reported rather than uploaded. */
    read(sha256: string): Buffer {
      const bytes = readFileSync(pathOf(sha256));
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== sha256) throw new Error(`the stored file ${sha256.slice(0, 12)}… is damaged (hash ${actual})`);
      return bytes;
    },

    /** Deletes the file (already gone is fine). */
    remove(sha256: string): void {
      rmSync(pathOf(sha256), { force: true });
    },

    /**
     * Deletes every file `keep` does not want and every half-written `.in-*` left by a crash, and the folders that
     * end up empty; returns how many files went. Synchronous, so it cannot interleave with a put and its commit.
     */
    sweep(keep: (sha256: string) => boolean): number {
      let removed = 0;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isFile() && entry.name.startsWith('.in-')) {
          rmSync(path, { force: true });
          removed++;
          continue;
        }
        if (!entry.isDirectory() || !/^[0-9a-f]{2}$/.test(entry.name)) continue;
        for (const name of readdirSync(path)) {
          if (SHA256_HEX.test(name) && name.startsWith(entry.name) && keep(name)) continue;
          rmSync(join(path, name), { force: true, recursive: true });
          removed++;
        }
        try {
          rmdirSync(path);
        } catch {
          // Not empty: some file is kept.
        }
      }
      return removed;
    },
  };
}
export type LocalBlobStore = ReturnType<typeof createLocalBlobStore>;
