import type { Store } from '../store';

export interface AuditEntry {
  userId: string | null;
  action: string;
  subject?: string | null;
  /** Free details; the caller must not put credentials here. */
  detail?: Record<string, unknown>;
}

export interface AuditRecord {
  id: number;
  at: string;
  userId: string | null;
  action: string;
  subject: string | null;
}

export interface AuditLog {
  record(entry: AuditEntry): void;
  latest(limit: number): Promise<AuditRecord[]>;
}

/**
 * Append-only audit trail (DESIGN.md §6): who viewed, moved, exported, revealed or changed what. Rows are numbered
 * locally (AUTOINCREMENT, never reused) and sent to the central server by the sync engine (sync/audit-push.ts).
 */
export function createAuditLog(store: Store, now: () => Date = () => new Date()): AuditLog {
  const insert = store.sqlite.prepare(
    'INSERT INTO audit_log (at, user_id, action, subject, detail) VALUES (?, ?, ?, ?, ?)',
  );
  return {
    record(entry) {
      insert.run(
        now().toISOString(),
        entry.userId,
        entry.action,
        entry.subject ?? null,
        JSON.stringify(entry.detail ?? {}),
      );
    },
    async latest(limit) {
      const rows = await store.db
        .selectFrom('audit_log')
        .select(['id', 'at', 'user_id', 'action', 'subject'])
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: r.id, at: r.at, userId: r.user_id, action: r.action, subject: r.subject }));
    },
  };
}
