// Pull pages carry cases and events as positional rows under one column header per table (sync protocol 2), and the
// workstation reads each value by its column's name: a server one version ahead (a column more, anywhere) or behind
// (a column less) cannot shift a value into another column of the mirror. A column more is ignored; a column less,
// or a row of another length than its header, is refused as a broken reply before it touches the mirror or the cursor.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SyncFailure } from '../../src-main/services/sync';
import { describeOnEachDatabase, useDatabase } from '../server/databases';
import { fileReport, openWorkstation, startSyncServer, type SyncTestServer } from './harness';
import { startTamperProxy, type TamperProxy } from './tamper-proxy';

type Workstation = ReturnType<typeof openWorkstation>;
type Table = { columns: string[]; rows: unknown[][] };

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
  /** Every pull reply through the proxy gets `edit` applied to its case and event tables. */
  const editTables = (edit: (table: Table) => Table) => {
    proxy.hooks.onResponse = (ex) => {
      if (!ex.path.startsWith('/api/sync/pull') || ex.status !== 200) return { kind: 'pass' };
      const body = JSON.parse(ex.body.toString()) as { cases: Table; events: Table };
      return {
        kind: 'replace',
        status: 200,
        body: JSON.stringify({ ...body, cases: edit(body.cases), events: edit(body.events) }),
      };
    };
  };
  /** The table without `column` (header and values). */
  const without = (column: string) => (t: Table) => {
    const at = t.columns.indexOf(column);
    const keep = (_: unknown, i: number) => i !== at;
    return { columns: t.columns.filter(keep), rows: t.rows.map((r) => r.filter(keep)) };
  };
  /** A pull through the proxy that must fail as a broken reply and change nothing. */
  const expectRefused = async (w: Workstation, message: RegExp) => {
    const before = mirrorOf(w);
    const failure = await w.sync.steps!.pullPage(0).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(SyncFailure);
    expect(failure).toMatchObject({ kind: 'bad_reply', message: expect.stringMatching(message) });
    expect(mirrorOf(w)).toEqual(before);
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

  it('mirrors the same rows when the tables carry a column more, first and last, and their columns reversed', async () => {
    const direct = workstation(t.url);
    await syncToEnd(direct);
    editTables((table) => ({
      columns: ['priority', ...[...table.columns].reverse(), 'zz'],
      rows: table.rows.map((row) => ['high', ...[...row].reverse(), [1, 2]]),
    }));
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

  it('refuses a page whose cases lack a column, changing nothing, and converges once the replies are whole', async () => {
    const behind = workstation(proxy.url);
    editTables((table) => (table.columns.includes('assignee') ? without('assignee')(table) : table));
    await expectRefused(behind, /missing column assignee/);
    // Events lacking one column, the cases whole: refused all the same.
    editTables((table) => (table.columns.includes('toState') ? without('toState')(table) : table));
    await expectRefused(behind, /missing column toState/);

    proxy.hooks = {};
    await syncToEnd(behind);
    const direct = workstation(t.url);
    await syncToEnd(direct);
    expect(mirrorOf(behind).cases).toEqual(mirrorOf(direct).cases);
  });

  it('refuses a page with a row longer or shorter than its header, changing nothing', async () => {
    const w = workstation(proxy.url);
    editTables((table) => ({ ...table, rows: table.rows.map((r, i) => (i === 0 ? [...r, 'thừa'] : r)) }));
    await expectRefused(w, /cases\.rows\.0/);
    editTables((table) => ({ ...table, rows: table.rows.map((r, i) => (i === 0 ? r.slice(0, -1) : r)) }));
    await expectRefused(w, /cases\.rows\.0/);
    proxy.hooks = {};
    await syncToEnd(w);
    expect(mirrorOf(w).cases.length).toBeGreaterThanOrEqual(2);
  });
});
