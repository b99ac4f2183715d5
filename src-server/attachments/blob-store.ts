import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256(text: string): boolean {
  return SHA256_HEX.test(text);
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Content-addressed files under `<dir>/blobs/<first two hex digits>/<sha256>`: a blob is written to a temp file,
 * fsynced, then renamed into place (atomic), so a crash never leaves a half blob under a real name; the same
 * content is stored once. `<dir>/tmp` holds uploads in flight and processing scratch files.
 */
export class BlobStore {
  readonly tmpDir: string;
  private readonly blobDir: string;

  constructor(readonly dir: string) {
    this.tmpDir = join(dir, 'tmp');
    this.blobDir = join(dir, 'blobs');
  }

  async init(): Promise<void> {
    await mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
    await mkdir(this.blobDir, { recursive: true, mode: 0o700 });
  }

  pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error('not a SHA-256');
    return join(this.blobDir, sha256.slice(0, 2), sha256);
  }

  tempPath(label: string): string {
    return join(this.tmpDir, `${label}-${randomBytes(12).toString('hex')}`);
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  /** Moves a finished temp file (already hashed by the caller) into the store, or drops it when the blob exists. */
  async adopt(tempFile: string, sha256: string): Promise<void> {
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) {
      await unlink(tempFile).catch(() => undefined);
      return;
    }
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await fsyncPath(tempFile);
    await rename(tempFile, target);
    await fsyncPath(dirname(target));
  }

  async putBuffer(bytes: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (await this.has(sha256)) return sha256;
    const temp = this.tempPath('put');
    await writeFile(temp, bytes, { mode: 0o600 });
    await this.adopt(temp, sha256);
    return sha256;
  }

  /** Scratch files older than `olderThanMs` (a crash mid-processing leaves some). */
  async sweepTemp(olderThanMs: number, now: Date, keep: (name: string) => boolean): Promise<void> {
    for (const name of await readdir(this.tmpDir).catch(() => [] as string[])) {
      if (keep(name)) continue;
      const path = join(this.tmpDir, name);
      const info = await stat(path).catch(() => null);
      if (info && now.getTime() - info.mtimeMs > olderThanMs) await unlink(path).catch(() => undefined);
    }
  }
}
