// Issue 5 §7: the workstation audit log reaches the central server exactly once — also when the server's reply is
// lost after it stored the rows, and across a restart — and is readable there only with audit.read.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withSyncTables } from '../../src-server/sync/tables';
import { describeOnEachDatabase, useDatabase } from '../server/databases';
import {
  eventually,
  openWorkstation,
  startSyncServer,
  type SyncTestServer,
  TEST_PASSWORD,
  type TestWorkstation,
} from './harness';
import { startTamperProxy, type TamperProxy } from './tamper-proxy';

describeOnEachDatabase('audit log through sync', (dialect) => {
  const db = useDatabase(dialect);
  let t: SyncTestServer;
  let proxy: TamperProxy;
  const open: TestWorkstation[] = [];
  const workstation = (...args: Parameters<typeof openWorkstation>) => {
    const w = openWorkstation(...args);
    open.push(w);
    return w;
  };
  const origin = (w: TestWorkstation) =>
    w.store.sqlite.prepare('SELECT origin FROM audit_push WHERE id = 1').pluck().get() as string;
  const localRows = (w: TestWorkstation) =>
    w.store.sqlite.prepare('SELECT id, action, subject FROM audit_log ORDER BY id').all() as {
      id: number;
      action: string;
      subject: string | null;
    }[];
  const serverRows = async (w: TestWorkstation) =>
    (
      await withSyncTables(t.server.database.db)
        .selectFrom('workstation_audit')
        .select(['local_seq', 'action', 'subject'])
        .where('origin', '=', origin(w))
        .orderBy('local_seq')
        .execute()
    ).map((r) => ({ id: Number(r.local_seq), action: r.action, subject: r.subject }));

  beforeAll(async () => {
    t = await startSyncServer(db());
    proxy = await startTamperProxy(t.url);
  });
  afterAll(async () => {
    for (const w of open) await w.close();
    await proxy.close();
    await t.stop();
  }, 180_000);

  it('stores every row once although the first replies are lost after the server stored them', async () => {
    let dropped = 0;
    proxy.hooks.onResponse = (exchange) => {
      if (exchange.path === '/api/sync/audit' && exchange.status === 200 && dropped < 2) {
        dropped++;
        return { kind: 'replace', status: 502, body: 'Bad Gateway', contentType: 'text/plain' };
      }
      return { kind: 'pass' };
    };
    const w = workstation(proxy.url);
    for (let i = 0; i < 30; i++) {
      w.audit.record({ userId: 'u-police', action: 'camera.view', subject: `cam-${i}`, detail: { stream: 'sub' } });
    }
    w.sync.start();
    await eventually(async () => (await serverRows(w)).length === 30, 15_000, 'rows on the server');
    await eventually(
      () => w.store.sqlite.prepare('SELECT pushed_seq FROM audit_push').pluck().get() === localRows(w).at(-1)!.id,
      15_000,
      'position saved',
    );
    expect(dropped).toBe(2);
    // Sent three times, stored once: the same rows, in order, no more.
    expect(proxy.log.filter((e) => e.path === '/api/sync/audit').length).toBeGreaterThanOrEqual(3);
    expect(await serverRows(w)).toEqual(localRows(w));
    proxy.hooks.onResponse = undefined;
  });

  it('sends rows written offline after a restart, and every later row as it is recorded', async () => {
    const offline = workstation(null);
    offline.audit.record({ userId: 'u-operator', action: 'ptz.move', subject: 'cam-7', detail: { pan: 0.2 } });
    offline.audit.record({ userId: 'u-police', action: 'identity.reveal', subject: 'case-1', detail: {} });
    await offline.close(true);
    const w = workstation(t.url, { dataDir: offline.dataDir });
    w.sync.start();
    await eventually(async () => (await serverRows(w)).length === 2, 15_000, 'offline rows on the server');
    await eventually(() => w.sync.status().state === 'live', 10_000, 'live');
    w.audit.record({ userId: 'u-police', action: 'footage.export', subject: 'cam-7', detail: { seconds: 30 } });
    await eventually(async () => (await serverRows(w)).length === 3, 15_000, 'new row on the server');
    expect(await serverRows(w)).toEqual(localRows(w));
  });

  it('serves the log to a role with audit.read only', async () => {
    const w = workstation(t.url);
    w.audit.record({ userId: 'u-police', action: 'identity.reveal', subject: 'case-42', detail: { field: 'phone' } });
    w.sync.start();
    await eventually(async () => (await serverRows(w)).length === 1, 15_000, 'row on the server');
    const read = (username: string, body: Record<string, unknown> = {}) =>
      fetch(`${t.url}/api/sync/audit/read`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: TEST_PASSWORD, ...body }),
      });
    const refused = await read('operator');
    expect(refused.status).toBe(403);
    const wrong = await fetch(`${t.url}/api/sync/audit/read`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'it_admin', password: 'sai-mat-khau' }),
    });
    expect(wrong.status).toBe(401);
    const answer = await read('it_admin', { limit: 1000 });
    expect(answer.status).toBe(200);
    const { rows } = (await answer.json()) as { rows: { origin: string; action: string; subject: string }[] };
    expect(rows.filter((r) => r.origin === origin(w))).toMatchObject([
      { action: 'identity.reveal', subject: 'case-42', detail: { field: 'phone' } },
    ]);
    expect((await read('director', { limit: 0 })).status).toBe(400);
  });
});
