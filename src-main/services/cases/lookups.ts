import type BetterSqlite3 from 'better-sqlite3';
import type { z } from 'zod';
import { CommandError } from '../../../src-shared/contract';
import type { Agency, RevealedReporter } from '../../../src-shared/contract/cases';
import { foldForSearch } from '../../../src-shared/i18n/fold';
import {
  CASE_LOOKUP_PATHS,
  DirectoryResponseSchema,
  RevealResponseSchema,
} from '../../../src-shared/sync/case-lookups';
import { SYNC_HEADERS, SYNC_PROTOCOL_VERSION } from '../../../src-shared/sync/protocol';
import type { AuditLog } from '../audit';
import type { DeviceAccess } from '../sync';
import type { Actor } from './service';
import { writeTransaction } from '../store';

export interface LookupOptions {
  sqlite: BetterSqlite3.Database;
  audit: AuditLog;
  /** The sync engine's device, or null (no server, not enrolled yet). */
  access: () => DeviceAccess | null;
  now?: () => Date;
  timeoutMs?: number;
}

/** A fresh enough directory is not fetched again: agencies change a few times a year. */
const DIRECTORY_FRESH_MS = 5 * 60_000;

interface DirectoryRow {
  id: string;
  name: string;
  short_name: string;
  kind: string;
  fetched_at: string;
}

/**
 * Look-ups that need the central server now: the agency directory (kept in `agency_directory` so names show
 * offline) and the reveal of a reporter's identity, which the server audits and this workstation never stores.
 */
export function createCaseLookups(options: LookupOptions) {
  const { sqlite } = options;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 10_000;
  const s = {
    all: sqlite.prepare<[], DirectoryRow>('SELECT * FROM agency_directory ORDER BY name_folded'),
    clear: sqlite.prepare('DELETE FROM agency_directory'),
    insert: sqlite.prepare(
      'INSERT INTO agency_directory (id, name, short_name, kind, name_folded, fetched_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
  };
  const replace = writeTransaction(sqlite, (agencies: readonly Agency[], at: string) => {
    s.clear.run();
    for (const a of agencies) s.insert.run(a.id, a.name, a.shortName, a.kind, foldForSearch(a.name), at);
  });

  async function call<T>(path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const access = options.access();
    if (!access) throw new CommandError('unavailable', 'This workstation is not connected to a central server.');
    let res: Response;
    try {
      res = await fetch(`${access.serverUrl.replace(/\/+$/, '')}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${access.credentials.deviceId}.${access.credentials.secret}`,
          [SYNC_HEADERS.clientVersion]: access.clientVersion,
          [SYNC_HEADERS.protocol]: String(SYNC_PROTOCOL_VERSION),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new CommandError('unavailable', 'The central server cannot be reached.');
    }
    const json: unknown = await res.json().catch(() => null);
    if (res.status === 403) throw new CommandError('forbidden', 'The central server refused: no permission.');
    if (res.status === 404) throw new CommandError('not_found', 'The central server does not know this case.');
    const parsed = schema.safeParse(json);
    if (!res.ok || !parsed.success) {
      throw new CommandError('unavailable', `The central server could not answer (HTTP ${res.status}).`);
    }
    return parsed.data;
  }

  function cached(): { items: Agency[]; fetchedAt: string | null } {
    const rows = s.all.all();
    return {
      items: rows.map((r) => ({ id: r.id, name: r.name, shortName: r.short_name, kind: r.kind })),
      fetchedAt: rows[0]?.fetched_at ?? null,
    };
  }

  return {
    /** The directory: fetched when the cached copy is missing or stale and the server answers, else the copy. */
    async agencies(): Promise<{ items: Agency[]; fetchedAt: string | null }> {
      const copy = cached();
      const age = copy.fetchedAt === null ? Infinity : now().getTime() - Date.parse(copy.fetchedAt);
      if (age < DIRECTORY_FRESH_MS) return copy;
      try {
        const fetched = await call(CASE_LOOKUP_PATHS.directory, DirectoryResponseSchema);
        replace(fetched.agencies, now().toISOString());
        return cached();
      } catch {
        // Offline, or never fetched: the copy (possibly empty; the UI then shows agency ids), not an error.
        return copy;
      }
    },

    /** Asks the server for the identity; audited here too, whether the server answers or not. */
    async revealReporter(
      caseId: string,
      caller: Actor,
    ): Promise<{ reporter: RevealedReporter | null; revealedAt: string }> {
      const attempt = { userId: caller.userId, action: 'case.revealReporter', subject: caseId };
      try {
        const answer = await call(CASE_LOOKUP_PATHS.revealReporter, RevealResponseSchema, {
          caseId,
          actorUsername: caller.username,
        });
        options.audit.record({ ...attempt, detail: { revealed: true, at: answer.revealedAt } });
        return { reporter: answer.reporter, revealedAt: answer.revealedAt };
      } catch (error) {
        const code = error instanceof CommandError ? error.code : 'internal';
        options.audit.record({ ...attempt, detail: { revealed: false, refused: code } });
        throw error;
      }
    },
  };
}
export type CaseLookups = ReturnType<typeof createCaseLookups>;
