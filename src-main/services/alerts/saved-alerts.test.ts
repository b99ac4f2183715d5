import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { feedAlert as alert } from '../../../tests/alerts/alert-fixture';
import { makeTempDir } from '../../../tests/integration/tmp-dir';
import { createAuditLog } from '../audit';
import { createSecretsService } from '../secrets';
import { openStore, type Store } from '../store';
import { createSyncService, type SyncService } from '../sync';
import { KEEP_CLEARED_MS } from './mirror';
import { createPendingAcks } from './pending-acks';
import { createSavedAlerts } from './saved-alerts';

const NOW = new Date('2026-06-01T01:00:00.000Z');
const SERVER = 'http://127.0.0.1:9';
const OPERATOR = { userId: 'u-operator', username: 'operator' };

const opened: { store: Store; sync: SyncService }[] = [];
const temps: { remove: () => void }[] = [];
afterEach(async () => {
  for (const { store, sync } of opened.splice(0)) {
    await sync.dispose();
    await store.dispose();
  }
  temps.splice(0).forEach((t) => t.remove());
});

/** A workstation database with a real outbox (no server: commands stay queued). */
function open(dir?: string) {
  let dataDir = dir;
  if (!dataDir) {
    const temp = makeTempDir('ioc-alerts-saved-');
    temps.push(temp);
    dataDir = temp.dir;
  }
  const store = openStore({ path: join(dataDir, 'ioc.sqlite') });
  const audit = createAuditLog(store);
  const secrets = createSecretsService({ store, dataDir });
  const sync = createSyncService({
    store,
    audit,
    secrets,
    logger: { info() {}, warn() {}, error() {} },
    publish: () => undefined,
    serverUrl: null,
    enrolSecret: null,
    clientVersion: '0.1.0',
  });
  opened.push({ store, sync });
  return { dataDir, store, sync, saved: createSavedAlerts(store.sqlite) };
}

describe('the alert mirror on disk', () => {
  it('saves each page with its cursor, keeps the newest version, and reads it all back after a restart', async () => {
    const first = open();
    first.saved.savePage(
      [alert('a', 2), alert('b', 3)],
      { serverUrl: SERVER, cursor: 3, lastSyncAt: 'x' },
      {
        fresh: true,
        now: NOW,
      },
    );
    // A late, older version of `a` does not replace the newer one; `b` moves on.
    first.saved.savePage(
      [alert('a', 1, { count: 9 }), alert('b', 4, { count: 2 })],
      { serverUrl: SERVER, cursor: 4, lastSyncAt: '2026-06-01T01:00:00.000Z' },
      { fresh: false, now: NOW },
    );
    const { store, sync, dataDir } = first;
    await sync.dispose();
    await store.dispose();
    opened.splice(0);

    const again = open(dataDir);
    const loaded = again.saved.load();
    expect(loaded.feed).toEqual({
      serverUrl: SERVER,
      cursor: 4,
      lastSyncAt: '2026-06-01T01:00:00.000Z',
      epoch: null,
    });
    expect(loaded.alerts.map((a) => [a.id, a.seq, a.count]).sort()).toEqual([
      ['a', 2, 1],
      ['b', 4, 2],
    ]);
    expect(loaded.pending).toEqual([]);
  });

  it('starts again from nothing on a fresh pull, and forgets alerts cleared more than a day ago', () => {
    const { saved } = open();
    saved.savePage(
      [alert('a', 1), alert('b', 2)],
      { serverUrl: SERVER, cursor: 2, lastSyncAt: null },
      {
        fresh: true,
        now: NOW,
      },
    );
    const old = new Date(NOW.getTime() - KEEP_CLEARED_MS - 1000).toISOString();
    saved.savePage(
      [alert('c', 3), alert('old', 4, { state: 'cleared', clearedAt: old, lastSeenAt: old })],
      { serverUrl: SERVER, cursor: 4, lastSyncAt: null },
      { fresh: true, now: NOW },
    );
    expect(saved.load().alerts.map((a) => a.id)).toEqual(['c']);
  });

  it('keeps the server’s epoch with the cursor, and marks queued acknowledgements again after a full re-read', () => {
    const { saved, sync } = open();
    saved.savePage(
      [alert('a', 1), alert('b', 2)],
      { serverUrl: SERVER, cursor: 2, lastSyncAt: null, epoch: 'epoch-1' },
      { fresh: true, now: NOW },
    );
    expect(saved.load().feed.epoch).toBe('epoch-1');
    const pending = createPendingAcks(saved, sync, []);
    const ack = pending.queue('b', 'mine', OPERATOR, NOW);
    // A new epoch: everything is read again from nothing, the acknowledgement still queued.
    saved.savePage(
      [alert('b', 1, { title: 'again' })],
      { serverUrl: SERVER, cursor: 1, lastSyncAt: null, epoch: 'epoch-2' },
      { fresh: true, now: NOW, keep: pending.all() },
    );
    const loaded = saved.load();
    expect(loaded.feed).toMatchObject({ cursor: 1, epoch: 'epoch-2' });
    expect(loaded.alerts.map((a) => [a.id, a.title])).toEqual([['b', 'again']]);
    expect(loaded.pending).toEqual([ack]);
  });

  it('skips a row whose body breaks the contract instead of failing the start', () => {
    const { saved, store } = open();
    saved.savePage([alert('a', 1)], { serverUrl: SERVER, cursor: 1, lastSyncAt: null }, { fresh: true, now: NOW });
    store.sqlite.prepare(`UPDATE alerts_mirror SET body = '{"id":"a","severity":"apocalyptic"}'`).run();
    expect(saved.load().alerts).toEqual([]);
  });
});

describe('acknowledgements waiting for the central server', () => {
  it('queues the command and the pending mark in one transaction, and shows the alert pending acknowledgement', () => {
    const { saved, sync, store } = open();
    saved.savePage([alert('a', 1)], { serverUrl: SERVER, cursor: 1, lastSyncAt: null }, { fresh: true, now: NOW });
    const pending = createPendingAcks(saved, sync, []);
    pending.queue('a', 'Đã cử người', OPERATOR, NOW);
    expect(pending.view(alert('a', 1))).toMatchObject({
      acknowledged: false,
      ackPending: true,
      ackBy: 'operator',
      ackAt: NOW.toISOString(),
      ackNote: 'Đã cử người',
    });
    expect(sync.status().pending).toBe(1);
    const queued = store.sqlite.prepare('SELECT name, args FROM outbox').all();
    expect(queued).toEqual([{ name: 'alert.acknowledge', args: '{"alertId":"a","note":"Đã cử người"}' }]);
    // After a restart the mark is read back with the alert.
    expect(saved.load().pending).toEqual([
      { alertId: 'a', outboxId: expect.any(Number), by: 'operator', at: NOW.toISOString(), note: 'Đã cử người' },
    ]);
  });

  it('leaves nothing behind when the pending mark cannot be written', () => {
    const { saved, sync, store } = open();
    const pending = createPendingAcks(saved, sync, []);
    store.sqlite.exec(`CREATE TRIGGER refuse BEFORE UPDATE ON alerts_mirror BEGIN SELECT RAISE(ABORT, 'disk'); END`);
    saved.savePage([alert('a', 1)], { serverUrl: SERVER, cursor: 1, lastSyncAt: null }, { fresh: true, now: NOW });
    expect(() => pending.queue('a', '', OPERATOR, NOW)).toThrow(/disk/);
    expect(store.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    expect(pending.count()).toBe(0);
  });

  it('ends when the server’s copy is acknowledged (by anyone) or the command is rejected', () => {
    const { saved, sync, store } = open();
    saved.savePage(
      [alert('a', 1), alert('b', 2)],
      { serverUrl: SERVER, cursor: 2, lastSyncAt: null },
      {
        fresh: true,
        now: NOW,
      },
    );
    const pending = createPendingAcks(saved, sync, []);
    pending.queue('a', 'mine', OPERATOR, NOW);
    const b = pending.queue('b', '', OPERATOR, NOW);

    const theirs = alert('a', 3, { acknowledged: true, ackBy: 'director', ackAt: NOW.toISOString(), ackNote: 'x' });
    saved.savePage([theirs], { serverUrl: SERVER, cursor: 3, lastSyncAt: null }, { fresh: false, now: NOW });
    pending.settleFrom([theirs]);
    expect(pending.view(theirs)).toEqual(theirs);
    expect(saved.load().pending.map((p) => p.alertId)).toEqual(['b']);

    expect(pending.dropRefused()).toEqual([]);
    store.sqlite.prepare(`UPDATE outbox SET state = 'rejected' WHERE id = ?`).run(b.outboxId);
    expect(pending.dropRefused()).toEqual(['b']);
    expect(pending.view(alert('b', 2)).acknowledged).toBe(false);
    expect(saved.load().pending).toEqual([]);
  });
});
