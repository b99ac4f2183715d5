import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '.';
import { migration011InboxIndexes } from './011-inbox-indexes';

function before011(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((m) => m.version < 11)) m.up(db);
  return db;
}

function insertCase(db: BetterSqlite3.Database, id: string, state: string, receivedAt: string): void {
  db.prepare(
    `INSERT INTO case_mirror (id, code, kind, channel, service_code, service_name, state, status, agency_id, site_id,
       sla_working_days, extension_count, reopen_count, received_at, due_at, updated_at, version, change_seq,
       search_text)
     VALUES (?, ?, 'citizen_report', 'open311', 'waste', 'Rác', ?, 'open', 'cap-nuoc', 'sa-dec', 5, 0, 0, ?, ?, ?, 1,
       1, ?)`,
  ).run(id, id.toUpperCase(), state, receivedAt, receivedAt, receivedAt, `${id} rac thai`);
}

const columnsOf = (db: BetterSqlite3.Database, index: string) =>
  db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').pluck().all(index);

const planOf = (db: BetterSqlite3.Database, where: string) =>
  (
    db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM case_mirror WHERE ${where} ORDER BY received_at DESC, id DESC LIMIT 50`,
      )
      .all() as { detail: string }[]
  )
    .map((r) => r.detail)
    .join('\n');

describe('migration 011', () => {
  it('gives every inbox filter an index in received order that carries the other filters', () => {
    const db = before011();
    migration011InboxIndexes.up(db);
    expect(columnsOf(db, 'case_mirror_by_received')).toEqual(['received_at', 'id']);
    const filters = ['state', 'status', 'site_id', 'service_code', 'agency_id', 'due_at'];
    for (const [index, lead] of [
      ['case_mirror_by_state', 'state'],
      ['case_mirror_by_status', 'status'],
      ['case_mirror_by_site', 'site_id'],
      ['case_mirror_by_service', 'service_code'],
      ['case_mirror_by_agency', 'agency_id'],
    ] as const) {
      const columns = columnsOf(db, index);
      expect(columns.slice(0, 3), index).toEqual([lead, 'received_at', 'id']);
      expect([...columns].sort(), index).toEqual([...filters, 'received_at', 'id'].sort());
    }
  });

  it('decides a combination of filters inside one index', () => {
    const db = before011();
    migration011InboxIndexes.up(db);
    const plan = planOf(db, "state = 'received' AND site_id = 'sa-dec' AND service_code = 'waste'");
    expect(plan).toContain('COVERING INDEX');
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('lets a filtered page walk its index in order instead of sorting every match', () => {
    const db = before011();
    migration011InboxIndexes.up(db);
    for (const [where, index] of [
      ['1', 'case_mirror_by_received'],
      ["state = 'received'", 'case_mirror_by_state'],
      ["status = 'open'", 'case_mirror_by_status'],
      ["site_id = 'sa-dec'", 'case_mirror_by_site'],
      ["service_code = 'waste'", 'case_mirror_by_service'],
      ['agency_id IS NULL', 'case_mirror_by_agency'],
    ] as const) {
      const plan = planOf(db, where);
      expect(plan, where).toContain(index);
      expect(plan, where).not.toContain('TEMP B-TREE');
    }
  });

  it('keeps the cases already mirrored, and inserts and upserts still work', () => {
    const db = before011();
    insertCase(db, 'k1', 'received', '2026-01-01T00:00:00.000Z');
    insertCase(db, 'k2', 'triaged', '2026-01-02T00:00:00.000Z');
    migration011InboxIndexes.up(db);
    insertCase(db, 'k3', 'received', '2026-01-03T00:00:00.000Z');
    db.prepare(
      `INSERT INTO case_mirror (id, code, kind, channel, service_code, service_name, state, status,
         sla_working_days, extension_count, reopen_count, received_at, due_at, updated_at, version, change_seq,
         search_text)
       VALUES ('k1', 'K1', 'citizen_report', 'open311', 'waste', 'Rác', 'closed', 'closed', 5, 0, 0,
         '2026-01-01T00:00:00.000Z', 'now', 'now', 2, 2, 'k1')
       ON CONFLICT(id) DO UPDATE SET state = excluded.state, status = excluded.status`,
    ).run();
    const ids = (where: string) =>
      db.prepare(`SELECT id FROM case_mirror WHERE ${where} ORDER BY received_at DESC, id DESC`).pluck().all();
    expect(ids("state = 'received'")).toEqual(['k3']);
    expect(ids("status = 'closed'")).toEqual(['k1']);
    expect(ids('1')).toEqual(['k3', 'k2', 'k1']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
