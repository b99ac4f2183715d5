import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '.';
import { migration010AlertsMirror } from './010-alerts-mirror';

function migrated(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((m) => m.version < 10)) m.up(db);
  migration010AlertsMirror.up(db);
  return db;
}

const insert = (db: BetterSqlite3.Database, values: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO alerts_mirror (id, seq, state, severity, domain, acknowledged, last_seen_at, cleared_at, body,
         ack_outbox_id, ack_by, ack_at, ack_note)
       VALUES (@id, @seq, @state, 'major', 'drainage', @acknowledged, '2026-06-01T00:00:00.000Z', NULL, @body,
         @ackOutboxId, @ackBy, @ackAt, NULL)`,
    )
    .run({
      id: 'a1',
      seq: 1,
      state: 'active',
      acknowledged: 0,
      body: '{"id":"a1"}',
      ackOutboxId: null,
      ackBy: null,
      ackAt: null,
      ...values,
    });

describe('migration 010', () => {
  it('is the tenth step', () => {
    expect(migration010AlertsMirror.version).toBe(10);
    const listed = MIGRATIONS.find((m) => m.version === 10);
    if (listed) expect(listed).toBe(migration010AlertsMirror);
  });

  it('starts the feed from nothing, in one row', () => {
    const db = migrated();
    expect(db.prepare('SELECT id, server_url, cursor, last_sync_at FROM alerts_feed').all()).toEqual([
      { id: 1, server_url: null, cursor: 0, last_sync_at: null },
    ]);
    expect(() => db.prepare('INSERT INTO alerts_feed (id) VALUES (2)').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE alerts_feed SET cursor = -1').run()).toThrow(/CHECK/);
  });

  it('keeps one row per alert with a JSON object body and a known state', () => {
    const db = migrated();
    insert(db);
    expect(() => insert(db)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert(db, { id: 'a2', body: '[1]' })).toThrow(/CHECK/);
    expect(() => insert(db, { id: 'a3', body: 'not json' })).toThrow(/CHECK/);
    expect(() => insert(db, { id: 'a4', state: 'open' })).toThrow(/CHECK/);
    expect(() => insert(db, { id: 'a5', acknowledged: 2 })).toThrow(/CHECK/);
    expect(() => insert(db, { id: 'a6', seq: 'x' })).toThrow(/INTEGER|datatype/i);
  });

  it('records a pending acknowledgement whole or not at all', () => {
    const db = migrated();
    insert(db, { id: 'p1', ackOutboxId: 7, ackBy: 'operator', ackAt: '2026-06-01T00:01:00.000Z' });
    expect(() => insert(db, { id: 'p2', ackOutboxId: 8 })).toThrow(/CHECK/);
    expect(() => insert(db, { id: 'p3', ackBy: 'operator', ackAt: 'x' })).toThrow(/CHECK/);
    const pending = db.prepare('SELECT id FROM alerts_mirror WHERE ack_outbox_id IS NOT NULL').pluck().all();
    expect(pending).toEqual(['p1']);
  });
});
