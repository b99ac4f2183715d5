import type BetterSqlite3 from 'better-sqlite3';
import { CaseAttachArgsSchema } from '../../../src-shared/sync/case-create-protocol';
import { SYNC_HEADERS, SYNC_PROTOCOL_VERSION, type PushCommand } from '../../../src-shared/sync/protocol';
import type { LocalBlobStore } from './blob-store';
import { SyncFailure } from './failure';
import type { DeviceCredentials } from './transport';

export interface StagedBlob {
  sha256: string;
  size: number;
  mime: string;
  fileName: string;
}

interface BlobRow {
  sha256: string;
  size: number;
  mime: string;
  file_name: string;
  upload_id: string | null;
  upload_server: string | null;
  uploaded_at: string | null;
  uploaded_server: string | null;
  refused_reason: string | null;
  refused_message: string | null;
}

/** Commands whose arguments name a file the server must hold first. */
function blobOf(command: { name: string; args: unknown }): string | null {
  if (command.name !== 'case.attach') return null;
  const parsed = CaseAttachArgsSchema.safeParse(command.args);
  return parsed.success ? parsed.data.sha256 : null;
}

/** A PATCH sends what is left; a connection that breaks midway is resumed from the server's offset, a few times. */
const MAX_ROUNDS = 4;
const UPLOADS = '/api/uploads';

/**
 * Files the outbox uploads before the commands that name them, through the server's resumable upload API (tus
 * style: create with size and SHA-256, HEAD for the offset, PATCH the rest). A network failure throws SyncFailure
 * and the loop retries with its backoff — the command stays queued. A file the server refuses (type, size, pixels)
 * is marked so: its command is still pushed, the server answers `media_missing`, and the conflict says why.
 */
export function createBlobUploads(options: {
  sqlite: BetterSqlite3.Database;
  blobs: LocalBlobStore;
  now: () => Date;
  clientVersion: string;
  timeoutMs?: number;
}) {
  const { sqlite, blobs } = options;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const s = {
    insert: sqlite.prepare(
      `INSERT OR IGNORE INTO outbox_blobs (sha256, size, mime, file_name, created_at)
       VALUES (@sha256, @size, @mime, @fileName, @at)`,
    ),
    get: sqlite.prepare<[string], BlobRow>('SELECT * FROM outbox_blobs WHERE sha256 = ?'),
    started: sqlite.prepare('UPDATE outbox_blobs SET upload_id = ?, upload_server = ? WHERE sha256 = ?'),
    uploaded: sqlite.prepare(
      'UPDATE outbox_blobs SET uploaded_at = ?, uploaded_server = ?, upload_id = NULL WHERE sha256 = ?',
    ),
    refused: sqlite.prepare(
      'UPDATE outbox_blobs SET refused_reason = ?, refused_message = ?, upload_id = NULL WHERE sha256 = ?',
    ),
    conflictsToExplain: sqlite.prepare<[], { id: number; args: string }>(
      `SELECT c.id, o.args FROM sync_conflicts c JOIN outbox o ON o.id = c.outbox_id
       WHERE o.name = 'case.attach' AND c.code = 'media_missing' AND c.resolution IS NULL`,
    ),
    explain: sqlite.prepare('UPDATE sync_conflicts SET message = ? WHERE id = ?'),
  };

  async function request(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: Uint8Array<ArrayBuffer> | string },
    signal?: AbortSignal,
  ): Promise<Response> {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      return await fetch(url, {
        ...init,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw new SyncFailure('aborted', 'The upload was cancelled.');
      if (timeout.aborted) throw new SyncFailure('timeout', 'The central server did not take the file in time.');
      const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
      throw new SyncFailure('offline', `The central server cannot be reached (${cause || 'network error'}).`);
    }
  }

  /** A reply that is neither success nor a refusal of the file: the loop retries after its backoff. */
  async function failure(res: Response, what: string): Promise<SyncFailure> {
    const text = await res.text().catch(() => '');
    if (res.status === 401)
      return new SyncFailure('unauthorized', `The server does not know this workstation (${what}).`);
    if (res.status === 403) return new SyncFailure('revoked', `The server refused this workstation (${what}).`);
    return new SyncFailure(
      res.status >= 500 || res.status === 429 || res.status === 423 ? 'server_error' : 'bad_reply',
      `Uploading a file failed: ${what} answered HTTP ${res.status} ${text.slice(0, 200)}`,
      { status: res.status },
    );
  }

  /** A 400/413 `media_refused`: the file itself is unacceptable, whatever is retried. */
  async function refusalOf(res: Response): Promise<{ reason: string; message: string } | null> {
    if (res.status !== 400 && res.status !== 413) return null;
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: unknown; reason?: unknown; message?: unknown };
    } | null;
    const error = body?.error;
    if (error?.code !== 'media_refused' && error?.code !== 'too_large') return null;
    return {
      reason: typeof error.reason === 'string' ? error.reason.slice(0, 64) : String(error.code),
      message: typeof error.message === 'string' ? error.message.slice(0, 500) : 'The server refused the file.',
    };
  }

  /** A finished upload's state (GET /api/uploads/<id>): complete, refused with the reason, or to start again. */
  async function outcomeOf(
    base: string,
    id: string,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<{ kind: 'complete' } | { kind: 'refused'; reason: string; message: string } | { kind: 'again' }> {
    const res = await request(`${base}${UPLOADS}/${id}`, { method: 'GET', headers }, signal);
    if (res.status === 404) return { kind: 'again' };
    if (res.status !== 200) throw await failure(res, 'GET');
    const body = (await res.json().catch(() => null)) as {
      value?: { state?: unknown; error?: { reason?: unknown; message?: unknown } | null };
    } | null;
    const state = body?.value?.state;
    if (state === 'complete') return { kind: 'complete' };
    const reason = body?.value?.error?.reason;
    if (state === 'failed' && typeof reason === 'string' && reason !== 'expired' && reason !== 'cancelled') {
      const message = body?.value?.error?.message;
      return { kind: 'refused', reason: reason.slice(0, 64), message: String(message ?? reason).slice(0, 500) };
    }
    // Still open (processing in flight) or expired: the loop comes back, or a new upload starts.
    if (state === 'open') throw new SyncFailure('server_error', 'The server is still processing the file.');
    return { kind: 'again' };
  }

  async function upload(row: BlobRow, serverUrl: string, creds: DeviceCredentials, signal?: AbortSignal) {
    const base = serverUrl.replace(/\/+$/, '');
    const headers = {
      authorization: `Bearer ${creds.deviceId}.${creds.secret}`,
      [SYNC_HEADERS.clientVersion]: options.clientVersion,
      [SYNC_HEADERS.protocol]: String(SYNC_PROTOCOL_VERSION),
    };
    const refuse = (r: { reason: string; message: string }) => s.refused.run(r.reason, r.message, row.sha256);
    let bytes: Buffer;
    try {
      bytes = blobs.read(row.sha256);
    } catch (error) {
      // Lost or damaged on this disk: retrying cannot help, so the command goes on and becomes a conflict.
      const detail = error instanceof Error ? error.message : String(error);
      return refuse({
        reason: 'missing_locally',
        message: `The file is missing or damaged on this workstation (${detail}).`,
      });
    }
    let id = row.upload_server === serverUrl ? row.upload_id : null;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let offset = 0;
      if (id !== null) {
        const head = await request(`${base}${UPLOADS}/${id}`, { method: 'HEAD', headers }, signal);
        if (head.status === 200) offset = Number(head.headers.get('upload-offset') ?? 'NaN');
        else if (head.status === 404 || head.status === 410) id = null;
        else throw await failure(head, 'HEAD');
        if (id !== null && !(Number.isSafeInteger(offset) && offset >= 0 && offset <= row.size)) {
          throw new SyncFailure('bad_reply', 'The server reported an impossible upload offset.');
        }
        if (id !== null && offset === row.size) {
          // Every byte arrived before (the reply was lost): ask how it ended instead of sending it again.
          const ended = await outcomeOf(base, id, headers, signal);
          if (ended.kind === 'complete') return s.uploaded.run(options.now().toISOString(), serverUrl, row.sha256);
          if (ended.kind === 'refused') return refuse(ended);
          id = null;
        }
      }
      if (id === null) {
        const created = await request(
          `${base}${UPLOADS}`,
          {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ size: row.size, sha256: row.sha256, fileName: row.file_name }),
          },
          signal,
        );
        if (created.status !== 201) {
          const refusal = await refusalOf(created.clone());
          if (refusal) return refuse(refusal);
          throw await failure(created, 'POST');
        }
        const body = (await created.json().catch(() => null)) as { value?: { id?: unknown } } | null;
        const fresh = body?.value?.id;
        if (typeof fresh !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(fresh)) {
          throw new SyncFailure('bad_reply', 'The server did not name the new upload.');
        }
        id = fresh;
        offset = 0;
        s.started.run(id, serverUrl, row.sha256);
      }
      const patched = await request(
        `${base}${UPLOADS}/${id}`,
        {
          method: 'PATCH',
          headers: {
            ...headers,
            'content-type': 'application/offset+octet-stream',
            'upload-offset': String(offset),
          },
          // A copy on its own ArrayBuffer: what fetch's body type takes in every environment.
          body: new Uint8Array(bytes.subarray(offset)),
        },
        signal,
      );
      if (patched.status === 200) {
        await patched.body?.cancel();
        s.uploaded.run(options.now().toISOString(), serverUrl, row.sha256);
        return;
      }
      if (patched.status === 204 || patched.status === 409) {
        // Part of it arrived, or the offset moved meanwhile: ask again and send the rest.
        await patched.body?.cancel();
        continue;
      }
      if (patched.status === 410) {
        // The upload failed or expired on the server (a declared hash that did not match ends it too).
        const refusal = await refusalOf(patched.clone());
        if (refusal) return refuse(refusal);
        await patched.body?.cancel();
        id = null;
        continue;
      }
      const refusal = await refusalOf(patched.clone());
      if (refusal) return refuse(refusal);
      throw await failure(patched, 'PATCH');
    }
    throw new SyncFailure('server_error', `The file ${row.file_name} did not finish uploading; trying again later.`);
  }

  return {
    /** Records a file (already in the local store) to upload; inside the transaction that queues its commands. */
    stage(blob: StagedBlob): void {
      s.insert.run({ ...blob, at: options.now().toISOString() });
    },

    /** Uploads every file the commands name that this server does not hold yet. */
    async uploadFor(
      serverUrl: string,
      creds: DeviceCredentials,
      commands: readonly Pick<PushCommand, 'name' | 'args'>[],
      signal?: AbortSignal,
    ): Promise<number> {
      let sent = 0;
      for (const sha256 of new Set(commands.map(blobOf).filter((x): x is string => x !== null))) {
        const row = s.get.get(sha256);
        // Unknown here (queued by an older build or another tool): the server decides.
        if (!row || row.refused_reason !== null) continue;
        if (row.uploaded_at !== null && row.uploaded_server === serverUrl) continue;
        await upload(row, serverUrl, creds, signal);
        sent++;
      }
      return sent;
    },

    /** Puts the server's reason for refusing a file into the conflicts its commands became. */
    explainRefusals(): void {
      for (const c of s.conflictsToExplain.all()) {
        const parsed = CaseAttachArgsSchema.safeParse(JSON.parse(c.args));
        const row = parsed.success ? s.get.get(parsed.data.sha256) : undefined;
        if (!row?.refused_message) continue;
        s.explain.run(`${row.file_name}: ${row.refused_message}`, c.id);
      }
    },
  };
}
export type BlobUploads = ReturnType<typeof createBlobUploads>;
