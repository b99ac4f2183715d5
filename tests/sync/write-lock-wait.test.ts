// Workstation writes while another connection holds SQLite's write lock (a worker writing on its own connection):
// an operator action that reads before it writes waits for the lock (BEGIN IMMEDIATE + busy_timeout) and succeeds,
// where a deferred BEGIN failed at once with SQLITE_BUSY (store/write-transaction.ts).
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { PullResponseSchema } from '../../src-shared/sync/protocol';
import { createClientRow } from '../../src-main/services/sync/client-row';
import { createMirror } from '../../src-main/services/sync/mirror';
import { OPERATOR, openWorkstation, type TestWorkstation } from './harness';

const ACTOR = { userId: OPERATOR.userId, username: OPERATOR.username };

/**
 * A worker thread that opens `path` on its own connection, takes the write lock (BEGIN IMMEDIATE) and holds it for
 * `ms` before committing. Resolves once the lock is held; `released` once it committed.
 */
async function holdWriteLock(path: string, ms: number): Promise<{ released: Promise<void> }> {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const Database = require('better-sqlite3');
     const db = new Database(workerData.path);
     db.pragma('busy_timeout = 5000');
     db.exec('BEGIN IMMEDIATE');
     parentPort.postMessage('locked');
     setTimeout(() => { db.exec('COMMIT'); db.close(); parentPort.postMessage('released'); }, workerData.ms);`,
    { eval: true, workerData: { path, ms } },
  );
  const messages: string[] = [];
  let onMessage: () => void = () => undefined;
  worker.on('message', (m: string) => {
    messages.push(m);
    onMessage();
  });
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));
  const seen = (m: string) =>
    Promise.race([
      failed,
      new Promise<void>((resolve) => {
        const check = () => messages.includes(m) && resolve();
        const before = onMessage;
        onMessage = () => (before(), check());
        check();
      }),
    ]);
  await seen('locked');
  return { released: seen('released').finally(() => worker.terminate()) };
}

describe('workstation writes while another connection writes', () => {
  let w: TestWorkstation | null = null;
  afterEach(async () => {
    await w?.close();
    w = null;
  });

  it('a layout save (reads, then writes) waits for the other writer and succeeds', async () => {
    w = openWorkstation(null);
    const lock = await holdWriteLock(w.store.path, 300);
    const saved = w.layouts.layouts.save(
      { name: 'Ngã tư Hùng Vương', cols: 1, rows: 1, tiles: [{ x: 0, y: 0, w: 1, h: 1, cameraId: null }] },
      ACTOR,
    );
    await lock.released;
    expect(w.layouts.layouts.list().map((l) => l.id)).toContain(saved.id);
  }, 30_000);

  it('a sync page (reads the cursor, then writes) waits for the other writer and is saved with its cursor', async () => {
    w = openWorkstation(null);
    const now = () => new Date('2026-11-28T02:00:00.000Z');
    const client = createClientRow(w.store.sqlite, now);
    const mirror = createMirror(w.store.sqlite, client, now);
    const page = PullResponseSchema.parse({
      ok: true,
      epoch: 'epoch-lock-01',
      since: 0,
      cursor: 'epoch-lock-01:7',
      upToDate: true,
      serverTime: '2026-11-28T02:00:00.000Z',
      cases: [],
      events: [],
      attachments: [],
    });
    const lock = await holdWriteLock(w.store.path, 300);
    const applied = mirror.applyPage(page, { epoch: null, cursorSeq: 0 });
    await lock.released;
    expect(applied.cursorSeq).toBe(7);
    expect(client.read()).toMatchObject({ epoch: 'epoch-lock-01', cursorSeq: 7 });
  }, 30_000);
});
