import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src-shared/contract/alerts';
import type { CentralServer } from '../../src-server/server';
import { makeTempDir } from '../integration/tmp-dir';
import { createSqliteDatabase, type TestDatabase } from '../server/databases';
import { startTamperProxy, type TamperProxy } from '../sync/tamper-proxy';
import { call, enrol, floodGauge, ngsiHeaders } from './harness';
import { openWorkstation, startServer, until as untilWithin, type Workstation } from './workstation-harness';

// Limits that only end a test that hangs, not measures: each test starts the central server twice and waits for the
// feed, which on a loaded 2-core machine (a full run) outlasted the harness's 20 s waits and the old 60 s per test.
const until = <T>(check: () => T | null | undefined | false, what: string) => untilWithin(check, what, 60_000);

const OPERATOR = { userId: 'u-operator', username: 'operator' };
const ALL = { state: 'all' as const, limit: 1000 };

const raise = (server: CentralServer, id: string, level: number) =>
  call(`${server.url}/ngsi-ld/v1/entityOperations/upsert`, {
    headers: ngsiHeaders('json'),
    raw: JSON.stringify([floodGauge(id, level, new Date().toISOString())]),
  });

const serverEpoch = async (server: CentralServer) =>
  (
    await server.database.db
      .withTables<{ sync_meta: { id: number; epoch: string } }>()
      .selectFrom('sync_meta')
      .select('epoch')
      .executeTakeFirstOrThrow()
  ).epoch;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track<T>(value: T, cleanup: (value: T) => Promise<void> | void): T {
  cleanups.push(() => cleanup(value));
  return value;
}

describe('the alert feed after the central server’s database is replaced', () => {
  it('drops the mirror and reads again from zero on a new epoch, keeping queued acknowledgements', async () => {
    const temp = track(makeTempDir('ioc-alerts-epoch-'), (t) => t.remove());
    const first: TestDatabase = track(createSqliteDatabase(), (db) => db.drop());
    let server: CentralServer | null = await startServer(first);
    cleanups.push(() => server?.dispose());
    const proxy: TamperProxy = track(await startTamperProxy(server.url), (p) => p.close());
    let device = await enrol(server.url);
    // The feed's own device (the sync service has no server here, so acknowledgements stay queued).
    const ws: Workstation = track(
      openWorkstation(temp.dir, {
        serverUrl: null,
        link: { serverUrl: proxy.url, authorization: () => device },
      }),
      (w) => w.close(),
    );
    ws.alerts.start();
    for (const [id, level] of [
      ['ep-1', 1.9],
      ['ep-2', 1.8],
      ['ep-3', 1.7],
    ] as const)
      expect((await raise(server, id, level)).status).toBe(201);
    const before = await until(() => {
      const { alerts } = ws.alerts.list(ALL);
      return alerts.length === 3 ? alerts : null;
    }, 'three alerts mirrored');
    const oldEpoch = await serverEpoch(server);
    const feed = () =>
      ws.store.sqlite
        .prepare(
          `SELECT f.cursor, (SELECT value FROM settings WHERE key = 'alerts.feed_epoch') AS epoch
           FROM alerts_feed f`,
        )
        .get() as { cursor: number; epoch: string | null };
    await until(() => feed().epoch === oldEpoch, 'the epoch saved with the cursor');
    const oldCursor = feed().cursor;
    expect(oldCursor).toBeGreaterThanOrEqual(3);
    ws.alerts.acknowledge(before[0]!.id, 'Đã báo tổ thoát nước', OPERATOR);
    expect(ws.sync.status().pending).toBe(1);

    // The server is replaced by one on a fresh database file: its alert cursor starts again below ours.
    await server.dispose();
    server = null;
    const second: TestDatabase = track(createSqliteDatabase(), (db) => db.drop());
    server = await startServer(second);
    device = await enrol(server.url);
    proxy.target = server.url;
    expect((await raise(server, 'ep-new', 1.9)).status).toBe(201);
    const newEpoch = await serverEpoch(server);
    expect(newEpoch).not.toBe(oldEpoch);

    const after = await until(() => {
      const { alerts } = ws.alerts.list(ALL);
      return alerts.length === 1 && alerts[0]!.sourceId.endsWith(':ep-new') ? alerts : null;
    }, 'the mirror to hold the new server’s alerts only');
    expect(after[0]!.seq).toBeLessThan(oldCursor);
    expect(feed()).toEqual({ cursor: expect.any(Number), epoch: newEpoch });
    expect(feed().cursor).toBeLessThan(oldCursor);
    expect(ws.store.sqlite.prepare('SELECT id FROM alerts_mirror').pluck().all()).toEqual([after[0]!.id]);
    // The queued acknowledgement is still in the outbox, to be answered by the server (not dropped here).
    expect(ws.sync.status().pending).toBe(1);
    expect(ws.store.sqlite.prepare(`SELECT name FROM outbox WHERE state = 'pending'`).pluck().all()).toEqual([
      'alert.acknowledge',
    ]);
  }, 240_000);
});

describe('a queued acknowledgement after an outage', () => {
  it('shows as confirmed once the outbox is flushed, without waiting for the feed’s backoff', async () => {
    const temp = track(makeTempDir('ioc-alerts-flush-'), (t) => t.remove());
    const db: TestDatabase = track(createSqliteDatabase(), (d) => d.drop());
    let server: CentralServer | null = await startServer(db);
    cleanups.push(() => server?.dispose());
    const proxy: TamperProxy = track(await startTamperProxy(server.url), (p) => p.close());
    // After a failed pull the feed would wait ten minutes: only the flush can bring the confirmation sooner.
    const ws: Workstation = track(
      openWorkstation(temp.dir, { serverUrl: proxy.url, alertsTiming: { retryBaseMs: 600_000, retryCapMs: 600_000 } }),
      (w) => w.close(),
    );
    ws.sync.start();
    ws.alerts.start();
    expect((await raise(server, 'fl-1', 1.9)).status).toBe(201);
    const alert: Alert = await until(() => ws.alerts.list(ALL).alerts[0], 'the alert mirrored');

    await server.dispose();
    server = null;
    await until(() => ws.alerts.link().state === 'offline', 'the feed to notice the outage');
    ws.alerts.acknowledge(alert.id, 'Đã cử người', OPERATOR);
    expect(ws.alerts.list(ALL).alerts[0]).toMatchObject({ acknowledged: false, ackPending: true });

    server = await startServer(db);
    proxy.target = server.url;
    await until(() => ws.sync.status().pending === 0, 'the outbox flushed');
    const confirmed = await until(() => {
      const a = ws.alerts.list(ALL).alerts[0];
      return a?.acknowledged ? a : null;
    }, 'the server’s acknowledgement in the mirror');
    expect(confirmed).toMatchObject({ ackBy: 'operator', ackNote: 'Đã cử người' });
    expect(confirmed.ackPending).toBeUndefined();
    expect(ws.alerts.link()).toMatchObject({ state: 'connected', pendingAcks: 0 });
  }, 240_000);
});
