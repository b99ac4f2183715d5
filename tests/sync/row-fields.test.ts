// Pull pages carry each case and event as an object keyed by field name, never as a positional array: a server one
// version ahead (a field more) or behind (a field less) cannot shift a value into another column of the mirror.
// A field more is ignored; a field less is refused as a broken reply, before it touches the mirror or the cursor.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SyncFailure } from '../../src-main/services/sync';
import { describeOnEachDatabase, useDatabase } from '../server/databases';
import { fileReport, openWorkstation, startSyncServer, type SyncTestServer } from './harness';
import { startTamperProxy, type TamperProxy } from './tamper-proxy';

type Workstation = ReturnType<typeof openWorkstation>;
type Rows = Record<string, unknown>[];

const mirrorOf = (w: Workstation) => ({
  cases: w.store.sqlite.prepare('SELECT * FROM case_mirror ORDER BY id').all(),
  events: w.store.sqlite.prepare('SELECT * FROM case_event_mirror ORDER BY id').all(),
  cursor: w.store.sqlite.prepare('SELECT epoch, cursor_seq FROM sync_client').get(),
});

async function syncToEnd(w: Workstation): Promise<void> {
  for (;;) if ((await w.sync.steps!.pullPage(0)).upToDate) return;
}

describeOnEachDatabase('pull rows from a server with one field more or less', (dialect) => {
  const db = useDatabase(dialect);
  let t: SyncTestServer;
  let proxy: TamperProxy;
  const open: Workstation[] = [];
  const workstation = (url: string) => {
    const w = openWorkstation(url);
    open.push(w);
    return w;
  };
  /** Every pull reply through the proxy gets `edit` applied to each of its case and event rows. */
  const editRows = (edit: (row: Record<string, unknown>) => Record<string, unknown>) => {
    proxy.hooks.onResponse = (ex) => {
      if (!ex.path.startsWith('/api/sync/pull') || ex.status !== 200) return { kind: 'pass' };
      const body = JSON.parse(ex.body.toString()) as { cases: Rows; events: Rows };
      return {
        kind: 'replace',
        status: 200,
        body: JSON.stringify({ ...body, cases: body.cases.map(edit), events: body.events.map(edit) }),
      };
    };
  };
  beforeAll(async () => {
    t = await startSyncServer(db());
    proxy = await startTamperProxy(t.url);
    await fileReport(t.server, 'Đèn đường trước số 12 Nguyễn Huệ không sáng');
    await fileReport(t.server, 'Rác thải tồn đọng ở chợ Sa Đéc');
  });
  afterAll(async () => {
    for (const w of open) await w.close();
    await proxy.close();
    await t.stop();
  });

  it('mirrors the same rows when every case and event carries a field more, placed first', async () => {
    const direct = workstation(t.url);
    await syncToEnd(direct);
    editRows((row) => ({ priority: 'high', ...row, zz: [1, 2] }));
    const ahead = workstation(proxy.url);
    await syncToEnd(ahead);
    proxy.hooks = {};
    const got = mirrorOf(ahead);
    const want = mirrorOf(direct);
    expect(got.cases.length).toBeGreaterThanOrEqual(2);
    expect(got.events.length).toBeGreaterThanOrEqual(2);
    // Column for column the same.
    expect(got.cases).toEqual(want.cases);
    expect(got.events).toEqual(want.events);
    expect(got.cursor).toEqual(want.cursor);
  });

  it('refuses a page whose cases lack a field, changing nothing, and converges once the replies are whole', async () => {
    const behind = workstation(proxy.url);
    editRows((row) => {
      const { assignee: _dropped, ...rest } = row;
      return rest;
    });
    const before = mirrorOf(behind);
    const failure = await behind.sync.steps!.pullPage(0).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(SyncFailure);
    expect(failure).toMatchObject({ kind: 'bad_reply', message: expect.stringMatching(/assignee/) });
    expect(mirrorOf(behind)).toEqual(before);

    proxy.hooks = {};
    await syncToEnd(behind);
    const direct = workstation(t.url);
    await syncToEnd(direct);
    expect(mirrorOf(behind).cases).toEqual(mirrorOf(direct).cases);
  });
});
