import type BetterSqlite3 from 'better-sqlite3';
import { CommandError } from '../../../src-shared/contract';
import type { CaseAttachment } from '../../../src-shared/contract/cases';
import { SYNC_HEADERS, SYNC_PROTOCOL_VERSION } from '../../../src-shared/sync/protocol';
import type { DeviceAccess } from '../sync';
import { MediaFetchError, type MediaCache, SHA256_PATTERN } from './media-cache';

interface AttachmentRow {
  id: string;
  case_id: string;
  sha256: string;
  thumb_sha256: string;
  kind: 'photo' | 'video';
  mime: string;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  public: number;
  origin: CaseAttachment['origin'];
  role: CaseAttachment['role'];
  created_at: string;
}

/** A cached file the core may send: where it is, its type and size. */
export interface MediaFile {
  path: string;
  mime: string;
  size: number;
  sha256: string;
}

export interface CaseMediaOptions {
  sqlite: BetterSqlite3.Database;
  /** Null: nothing is cached (tools, tests); files are then "not downloaded". */
  cache: MediaCache | null;
  /** The sync engine's device, or null (no server, not enrolled yet). */
  access: () => DeviceAccess | null;
  onWarning?: (message: string, fields: Record<string, unknown>) => void;
  /** Thumbnails downloaded at once in the background. */
  concurrency?: number;
}

const THUMB_TIMEOUT_MS = 15_000;
const FULL_TIMEOUT_MS = 120_000;

/**
 * Photos and videos of mirrored cases: their rows (case_attachments, filled by the sync mirror) and their bytes,
 * from the media cache or — when online — from the central server with this workstation's device credentials,
 * hash-checked before they are kept. Thumbnails are fetched in the background after sync; full files on first view.
 */
export function createCaseMedia(options: CaseMediaOptions) {
  const { sqlite, cache } = options;
  const s = {
    ofCase: sqlite.prepare<[string], AttachmentRow>(
      'SELECT * FROM case_attachments WHERE case_id = ? ORDER BY change_seq, id',
    ),
    // Any attachment using the hash, with its case's site; a case not mirrored yet shows nothing.
    uses: sqlite.prepare<{ sha: string }, { site_id: string | null; mime: string; thumb: number }>(
      `SELECT m.site_id, a.mime, a.sha256 <> @sha AS thumb FROM case_attachments a
       JOIN case_mirror m ON m.id = a.case_id WHERE a.sha256 = @sha OR a.thumb_sha256 = @sha`,
    ),
    thumbs: sqlite
      .prepare<
        [],
        string
      >('SELECT thumb_sha256 FROM case_attachments GROUP BY thumb_sha256 ORDER BY max(change_seq) DESC')
      .pluck(),
  };
  /** Thumbnails the server lacks or sent wrong: not asked for again by the background fetch until a restart. */
  const refused = new Set<string>();
  let prefetching: Promise<void> | null = null;
  let again = false;
  let disposed = false;
  const abort = new AbortController();

  function download(sha256: string, timeoutMs: number): Promise<string> {
    if (!cache) throw new CommandError('unavailable', 'This workstation keeps no media files.');
    return cache.fetchAndVerify(sha256, (signal) => {
      const access = options.access();
      if (!access) throw new Error('not connected to a central server');
      return fetch(`${access.serverUrl.replace(/\/+$/, '')}/media/${sha256}`, {
        headers: {
          authorization: `Bearer ${access.credentials.deviceId}.${access.credentials.secret}`,
          [SYNC_HEADERS.clientVersion]: access.clientVersion,
          [SYNC_HEADERS.protocol]: String(SYNC_PROTOCOL_VERSION),
        },
        signal: AbortSignal.any([signal, abort.signal, AbortSignal.timeout(timeoutMs)]),
      });
    });
  }

  async function prefetchLoop(): Promise<void> {
    const concurrency = options.concurrency ?? 2;
    let failed = 0;
    do {
      again = false;
      if (!cache || !options.access()) return;
      const missing = s.thumbs.all().filter((sha) => !cache.has(sha) && !refused.has(sha));
      const next = async (): Promise<void> => {
        for (let sha = missing.shift(); sha !== undefined && !disposed; sha = missing.shift()) {
          try {
            await download(sha, THUMB_TIMEOUT_MS);
          } catch (error) {
            failed++;
            // Offline: stop; the next sync tries again.
            if (error instanceof MediaFetchError && error.kind === 'unavailable') missing.length = 0;
            else {
              refused.add(sha);
              options.onWarning?.('thumbnail not cached', { sha256: sha, error: String(error) });
            }
          }
        }
      };
      await Promise.all(Array.from({ length: concurrency }, next));
      // After failures, wait for the next sync rather than retrying the same files at once.
    } while (again && failed === 0 && !disposed);
  }

  return {
    /** The case's attachments (its visibility is the caller's to check), oldest first. */
    listFor(caseId: string): CaseAttachment[] {
      return s.ofCase.all(caseId).map((r) => ({
        id: r.id,
        sha256: r.sha256,
        thumbSha256: r.thumb_sha256,
        kind: r.kind,
        mime: r.mime,
        width: r.width,
        height: r.height,
        durationMs: r.duration_ms,
        public: r.public === 1,
        origin: r.origin,
        role: r.role,
        createdAt: r.created_at,
        cached: cache?.has(r.sha256) ?? false,
        thumbCached: cache?.has(r.thumb_sha256) ?? false,
      }));
    },

    /**
     * The file for `sha256` if the caller may see a case showing it: from the cache, or downloaded now (checked
     * against its hash). `not_found` for a hash no visible case uses; `unavailable` when offline and not cached.
     */
    async open(sha256: string, maySee: (siteId: string | null) => boolean): Promise<MediaFile> {
      const unknown = () => new CommandError('not_found', 'No such photo or video on this workstation.');
      if (!SHA256_PATTERN.test(sha256)) throw unknown();
      const uses = s.uses.all({ sha: sha256 }).filter((u) => maySee(u.site_id));
      if (uses.length === 0) throw unknown();
      const full = uses.find((u) => !u.thumb);
      // Thumbnails are JPEG whatever the original (attachments/process-media.ts on the server).
      const mime = full ? full.mime : 'image/jpeg';
      if (!cache) throw new CommandError('unavailable', 'Not downloaded to this workstation.');
      if (!cache.has(sha256)) {
        try {
          await download(sha256, full ? FULL_TIMEOUT_MS : THUMB_TIMEOUT_MS);
        } catch (error) {
          if (!(error instanceof MediaFetchError)) throw error;
          if (error.kind === 'unavailable') {
            throw new CommandError('unavailable', 'Not downloaded yet, and the central server cannot be reached.');
          }
          options.onWarning?.('media refused', { sha256, kind: error.kind, error: error.message });
          throw error.kind === 'not_found'
            ? unknown()
            : new CommandError('unavailable', `The central server sent a file that cannot be shown (${error.kind}).`);
        }
      } else cache.touch(sha256);
      return { path: cache.path(sha256), mime, size: cache.size(sha256) ?? 0, sha256 };
    },

    /** Fetches thumbnails not cached yet, in the background (a call while one runs makes it look again after). */
    prefetchThumbnails(): Promise<void> {
      if (disposed) return Promise.resolve();
      if (prefetching) {
        again = true;
        return prefetching;
      }
      prefetching = prefetchLoop()
        .catch((error: unknown) => options.onWarning?.('thumbnail prefetch failed', { error: String(error) }))
        .finally(() => {
          prefetching = null;
        });
      return prefetching;
    },

    async dispose(): Promise<void> {
      disposed = true;
      abort.abort();
      await prefetching;
    },
  };
}
export type CaseMedia = ReturnType<typeof createCaseMedia>;
