import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open, rename, rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export type MediaFetchFailure = 'not_found' | 'mismatch' | 'too_large' | 'unavailable';

/** Why a download was not cached: the server lacks it, sent other bytes, too many bytes, or could not be reached. */
export class MediaFetchError extends Error {
  constructor(
    readonly kind: MediaFetchFailure,
    message: string,
  ) {
    super(message);
    this.name = 'MediaFetchError';
  }
}

export interface MediaCacheOptions {
  /** The folder of the cache (e.g. `<data dir>/media-cache`); created when missing. */
  dir: string;
  /** Total bytes kept; the least recently used files go first when a new one would pass it. */
  maxBytes?: number;
  /** Largest single file accepted (a download announcing or sending more is refused). */
  maxItemBytes?: number;
  /** Files that must never be evicted (e.g. ones still waiting to be uploaded). */
  keep?: (sha256: string) => boolean;
}

export const DEFAULT_CACHE_BYTES = 2 * 1024 ** 3;
export const DEFAULT_ITEM_BYTES = 256 * 1024 ** 2;

interface Entry {
  size: number;
  usedAt: number;
}

/**
 * A content-addressed store of media files on this workstation: each file is named by the SHA-256 of its bytes,
 * written to a temporary name, flushed and renamed (a crash leaves the old state or the new one, never half a
 * file), and its hash checked before it is kept. Bounded in size: least recently used files are evicted.
 *
 * - `has(sha)` / `path(sha)`: whether a file is here, and where it is (or would be).
 * - `put(bytes)` → sha: keeps bytes this workstation made.
 * - `fetchAndVerify(sha, open)`: downloads with `open` (a fetch), keeps the file only if its hash is `sha`.
 */
export class MediaCache {
  readonly dir: string;
  private readonly tempDir: string;
  private readonly maxBytes: number;
  private readonly maxItemBytes: number;
  private readonly keep: (sha256: string) => boolean;
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<string>>();
  private total = 0;
  /** Strictly increasing use stamps (two uses in one millisecond still order). */
  private lastUse = 0;

  constructor(options: MediaCacheOptions) {
    this.dir = options.dir;
    this.tempDir = join(options.dir, 'tmp');
    this.maxBytes = options.maxBytes ?? DEFAULT_CACHE_BYTES;
    this.maxItemBytes = options.maxItemBytes ?? DEFAULT_ITEM_BYTES;
    this.keep = options.keep ?? (() => false);
    // Whatever a crash left half-written is dropped; finished files are indexed.
    rmSync(this.tempDir, { recursive: true, force: true });
    mkdirSync(this.tempDir, { recursive: true, mode: 0o700 });
    for (const fan of readdirSync(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(fan)) continue;
      for (const name of readdirSync(join(this.dir, fan))) {
        if (!SHA256_PATTERN.test(name) || !name.startsWith(fan)) continue;
        const info = statSync(join(this.dir, fan, name));
        this.entries.set(name, { size: info.size, usedAt: info.mtimeMs });
        this.total += info.size;
        this.lastUse = Math.max(this.lastUse, info.mtimeMs);
      }
    }
  }

  has(sha256: string): boolean {
    return this.entries.has(sha256);
  }

  /** Where the file named `sha256` is (or would be). Throws on anything but 64 lower-case hex digits. */
  path(sha256: string): string {
    if (!SHA256_PATTERN.test(sha256)) throw new Error('Not a SHA-256 (64 lower-case hex digits).');
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  size(sha256: string): number | null {
    return this.entries.get(sha256)?.size ?? null;
  }

  /** Bytes held now. */
  bytes(): number {
    return this.total;
  }

  /** Marks a file as just used, so eviction takes others first. */
  touch(sha256: string): void {
    const entry = this.entries.get(sha256);
    if (!entry) return;
    entry.usedAt = this.stamp();
    const at = new Date(entry.usedAt);
    void utimes(this.path(sha256), at, at).catch(() => undefined);
  }

  /** Keeps `bytes` under their SHA-256 (flushed to disk before this resolves) and returns it. */
  async put(bytes: Uint8Array): Promise<string> {
    if (bytes.length > this.maxItemBytes) {
      throw new MediaFetchError('too_large', `The file is larger than ${this.maxItemBytes} bytes.`);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (this.has(sha256)) {
      this.touch(sha256);
      return sha256;
    }
    const temp = this.tempPath();
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.commit(temp, sha256, bytes.length);
    } finally {
      await rm(temp, { force: true });
    }
    return sha256;
  }

  /**
   * Downloads `sha256` with `request` (given an abort signal, it returns the HTTP response) unless it is here
   * already, and keeps it only when the bytes hash to `sha256`. Resolves with its path; concurrent calls for one
   * file share one download. Throws MediaFetchError.
   */
  fetchAndVerify(sha256: string, request: (signal: AbortSignal) => Promise<Response>): Promise<string> {
    const target = this.path(sha256);
    if (this.has(sha256)) {
      this.touch(sha256);
      return Promise.resolve(target);
    }
    const running = this.inflight.get(sha256);
    if (running) return running;
    const download = this.download(sha256, request).finally(() => this.inflight.delete(sha256));
    this.inflight.set(sha256, download);
    return download;
  }

  private async download(sha256: string, request: (signal: AbortSignal) => Promise<Response>): Promise<string> {
    const abort = new AbortController();
    let response: Response;
    try {
      response = await request(abort.signal);
    } catch (error) {
      throw new MediaFetchError('unavailable', `The central server cannot be reached (${messageOf(error)}).`);
    }
    if (response.status === 404) {
      await response.body?.cancel().catch(() => undefined);
      throw new MediaFetchError('not_found', 'The central server does not have this file.');
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new MediaFetchError('unavailable', `The central server could not send the file (HTTP ${response.status}).`);
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > this.maxItemBytes) {
      await response.body.cancel().catch(() => undefined);
      throw new MediaFetchError('too_large', `The file is larger than ${this.maxItemBytes} bytes.`);
    }
    const temp = this.tempPath();
    const hash = createHash('sha256');
    let size = 0;
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        const reader = response.body.getReader();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          size += chunk.value.length;
          if (size > this.maxItemBytes) {
            abort.abort();
            await reader.cancel().catch(() => undefined);
            throw new MediaFetchError('too_large', `The file is larger than ${this.maxItemBytes} bytes.`);
          }
          hash.update(chunk.value);
          await handle.write(chunk.value);
        }
        await handle.sync();
      } catch (error) {
        if (error instanceof MediaFetchError) throw error;
        throw new MediaFetchError('unavailable', `The download broke off (${messageOf(error)}).`);
      } finally {
        await handle.close();
      }
      const got = hash.digest('hex');
      if (got !== sha256) {
        throw new MediaFetchError('mismatch', `The server sent other bytes than ${sha256} (they hash to ${got}).`);
      }
      await this.commit(temp, sha256, size);
    } finally {
      await rm(temp, { force: true });
    }
    return this.path(sha256);
  }

  /** Renames a flushed temporary file into place, flushes the folder, and evicts down to the cap. */
  private async commit(temp: string, sha256: string, size: number): Promise<void> {
    const target = this.path(sha256);
    const folder = join(this.dir, sha256.slice(0, 2));
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    await rename(temp, target);
    const dir = await open(folder, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    if (!this.entries.has(sha256)) this.total += size;
    this.entries.set(sha256, { size, usedAt: this.stamp() });
    await this.evict(sha256);
  }

  private async evict(justAdded: string): Promise<void> {
    if (this.total <= this.maxBytes) return;
    const candidates = [...this.entries]
      .filter(([sha]) => sha !== justAdded && !this.keep(sha))
      .sort((a, b) => a[1].usedAt - b[1].usedAt);
    for (const [sha, entry] of candidates) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(sha);
      this.total -= entry.size;
      await rm(this.path(sha), { force: true });
    }
  }

  private stamp(): number {
    this.lastUse = Math.max(Date.now(), this.lastUse + 1);
    return this.lastUse;
  }

  private tempPath(): string {
    return join(this.tempDir, `${process.pid}-${randomBytes(8).toString('hex')}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
