import type { CommandOutput } from '../../../src-shared/contract';
import type { ClientError, Result } from '../../bridge';

export type Snapshot = { ok: true; url: string; at: Date } | { ok: false; error: ClientError };
type Fetch = (cameraId: string) => Promise<Result<CommandOutput<'cameras.snapshot'>>>;

function toBlobUrl(contentType: string, base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: contentType }));
}

/**
 * Snapshots of this page, by camera: each fetched through the core at most `limit` at a time (a camera
 * serves one snapshot slowly; twenty at once would queue at the core anyway), kept as blob URLs that
 * `clear` revokes.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, Snapshot>();
  private readonly inflight = new Map<string, Promise<Snapshot>>();
  private readonly queue: (() => void)[] = [];
  private readonly listeners = new Map<string, Set<(snapshot: Snapshot) => void>>();
  private active = 0;
  /** Bumped by `clear`: answers to requests made before it are dropped, not cached (nobody shows them). */
  private generation = 0;

  constructor(
    private readonly fetch: Fetch,
    private readonly limit = 2,
  ) {}

  peek(cameraId: string): Snapshot | undefined {
    return this.entries.get(cameraId);
  }

  get(cameraId: string, fresh = false): Promise<Snapshot> {
    const cached = this.entries.get(cameraId);
    if (cached && !fresh) return Promise.resolve(cached);
    const running = this.inflight.get(cameraId);
    if (running) return running;
    const generation = this.generation;
    const promise = this.slot()
      .then(() => this.fetch(cameraId))
      .then((result): Snapshot => {
        if (!result.ok) return result;
        return { ok: true, url: toBlobUrl(result.value.contentType, result.value.dataBase64), at: new Date() };
      })
      .catch(
        (error: unknown): Snapshot => ({
          ok: false,
          error: { code: 'bad_response', message: error instanceof Error ? error.message : String(error) },
        }),
      )
      .then((snapshot) => {
        this.release();
        if (generation !== this.generation) {
          if (snapshot.ok) URL.revokeObjectURL(snapshot.url);
          return snapshot;
        }
        this.inflight.delete(cameraId);
        this.replace(cameraId, snapshot);
        return snapshot;
      });
    this.inflight.set(cameraId, promise);
    return promise;
  }

  /** Hears every new snapshot of the camera, so a thumbnail follows a refresh made in the detail pane. */
  subscribe(cameraId: string, listener: (snapshot: Snapshot) => void): () => void {
    const set = this.listeners.get(cameraId) ?? new Set();
    this.listeners.set(cameraId, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Revokes every URL; the cache stays usable. */
  clear(): void {
    for (const entry of this.entries.values()) if (entry.ok) URL.revokeObjectURL(entry.url);
    this.entries.clear();
    this.inflight.clear();
    this.generation++;
  }

  private replace(cameraId: string, snapshot: Snapshot): void {
    const old = this.entries.get(cameraId);
    if (old?.ok && (!snapshot.ok || old.url !== snapshot.url)) URL.revokeObjectURL(old.url);
    // A failed refresh keeps no stale picture: the tile says the camera did not answer.
    this.entries.set(cameraId, snapshot);
    for (const listener of this.listeners.get(cameraId) ?? []) listener(snapshot);
  }

  private slot(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.active--;
  }
}
