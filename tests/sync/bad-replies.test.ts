// Malformed, foreign and replayed sync replies (issue 5, "Bad input"): each is refused with a clear error before it
// touches the mirror or the outbox, and nothing is lost — once the replies are good again, everything converges.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { SyncFailure } from '../../src-main/services/sync';
import { describeOnEachDatabase, useDatabase } from '../server/databases';
import { eventually, fileReport, openWorkstation, OPERATOR, startSyncServer, type SyncTestServer } from './harness';
import { startTamperProxy, type TamperProxy } from './tamper-proxy';

type Workstation = ReturnType<typeof openWorkstation>;

async function failureOf(work: Promise<unknown>): Promise<SyncFailure> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof SyncFailure)) throw new Error(`expected a SyncFailure, got ${String(error)}`);
  return error;
}

function cursorOf(w: Workstation) {
  return w.store.sqlite.prepare('SELECT epoch, cursor_seq FROM sync_client').get();
}
function mirrorOf(w: Workstation) {
  return w.store.sqlite.prepare('SELECT id, state, version FROM case_mirror ORDER BY id').all();
}

describeOnEachDatabase('bad sync replies', (dialect) => {
  const db = useDatabase(dialect);
  let t: SyncTestServer;
  let proxy: TamperProxy;
  const open: Workstation[] = [];
  const workstation = () => {
    const w = openWorkstation(proxy.url);
    open.push(w);
    return w;
  };
  beforeAll(async () => {
    t = await startSyncServer(db());
    proxy = await startTamperProxy(t.url);
  });
  afterEach(() => {
    proxy.hooks = {};
  });
  afterAll(async () => {
    for (const w of open) await w.close();
    await proxy.close();
    await t.stop();
  });

  const onPull = (edit: (body: Record<string, unknown>) => string) => {
    proxy.hooks.onResponse = (ex) =>
      ex.path.startsWith('/api/sync/pull') && ex.status === 200
        ? { kind: 'replace', status: 200, body: edit(JSON.parse(ex.body.toString()) as Record<string, unknown>) }
        : { kind: 'pass' };
  };

  it('refuses malformed JSON, a cursor from another epoch, rows outside the page and a foreign page', async () => {
    await fileReport(t.server);
    const w = workstation();
    const steps = w.sync.steps!;
    await steps.pullPage(0);
    await fileReport(t.server, 'Phản ánh mới sau lần kéo đầu');
    const before = { cursor: cursorOf(w), mirror: mirrorOf(w) };

    onPull((b) => JSON.stringify(b).slice(0, 40));
    expect((await failureOf(steps.pullPage(0))).message).toMatch(/not JSON/);

    onPull((b) => JSON.stringify({ ...b, cursor: 'another-epoch:99999' }));
    const foreignCursor = await failureOf(steps.pullPage(0));
    expect(foreignCursor).toMatchObject({
      kind: 'bad_reply',
      message: expect.stringMatching(/breaks the sync protocol/),
    });

    onPull((b) => {
      const cases = b.cases as { columns: string[]; rows: unknown[][] };
      const at = cases.columns.indexOf('changeSeq');
      const rows = cases.rows.map((r) => r.map((v, i) => (i === at ? Number(v) + 1000 : v)));
      return JSON.stringify({ ...b, cases: { ...cases, rows } });
    });
    expect((await failureOf(steps.pullPage(0))).message).toMatch(/rows outside the page/);

    onPull((b) => {
      const seq = String(b.cursor).split(':')[1];
      return JSON.stringify({ ...b, epoch: 'some-other-server', cursor: `some-other-server:${seq}` });
    });
    expect((await failureOf(steps.pullPage(0))).message).toMatch(/epoch some-other-server/);

    proxy.hooks.onResponse = (ex) =>
      ex.path.startsWith('/api/sync/pull')
        ? { kind: 'replace', status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' }
        : { kind: 'pass' };
    expect(await failureOf(steps.pullPage(0))).toMatchObject({
      kind: 'server_error',
      message: expect.stringMatching(/not JSON \(HTTP 502/),
    });

    // Nothing of it reached the mirror or moved the cursor.
    expect({ cursor: cursorOf(w), mirror: mirrorOf(w) }).toEqual(before);
    proxy.hooks = {};
    expect((await steps.pullPage(0)).upToDate).toBe(true);
    expect(mirrorOf(w).length).toBe(before.mirror.length + 1);
  });

  it('refuses a replayed page: the page must start where the mirror stands', async () => {
    const w = workstation();
    const steps = w.sync.steps!;
    let first: string | null = null;
    proxy.hooks.onResponse = (ex) => {
      if (ex.path.startsWith('/api/sync/pull') && ex.status === 200) {
        first ??= ex.body.toString();
        return { kind: 'replace', status: 200, body: first };
      }
      return { kind: 'pass' };
    };
    await steps.pullPage(0);
    const before = { cursor: cursorOf(w), mirror: mirrorOf(w) };
    await fileReport(t.server, 'Một phản ánh nữa');
    const replay = await failureOf(steps.pullPage(0));
    expect(replay).toMatchObject({ kind: 'bad_reply', message: expect.stringMatching(/replayed or foreign page/) });
    expect({ cursor: cursorOf(w), mirror: mirrorOf(w) }).toEqual(before);
  });

  it('keeps commands whose reply was malformed or answered other commands, and applies them once later', async () => {
    const filed = await fileReport(t.server);
    const w = workstation();
    const steps = w.sync.steps!;
    await steps.pullPage(0);
    w.cases.comment({ caseId: filed.id, text: 'Lần một' }, OPERATOR);
    w.cases.comment({ caseId: filed.id, text: 'Lần hai' }, OPERATOR);

    // The server commits, the reply is garbage: the commands stay queued.
    proxy.hooks.onResponse = (ex) =>
      ex.path.startsWith('/api/sync/push') ? { kind: 'replace', status: 200, body: '{"ok":tr' } : { kind: 'pass' };
    expect((await failureOf(steps.pushBatch())).message).toMatch(/not JSON/);
    expect(w.sync.status().pending).toBe(2);

    // A reply about commands that were never sent is refused whole.
    proxy.hooks.onResponse = (ex) =>
      ex.path.startsWith('/api/sync/push')
        ? {
            kind: 'replace',
            status: 200,
            body: JSON.stringify({
              ok: true,
              epoch: (JSON.parse(ex.body.toString()) as { epoch: string }).epoch,
              results: [{ seq: 999, status: 'applied', changeSeq: 1 }],
            }),
          }
        : { kind: 'pass' };
    expect((await failureOf(steps.pushBatch())).message).toMatch(/not sent/);
    expect(w.sync.status().pending).toBe(2);

    proxy.hooks = {};
    const answered = await steps.pushBatch();
    expect(answered).toMatchObject({ sent: 2, rejected: 0 });
    expect(w.sync.status().pending).toBe(0);
    const notes = await t.server.database.db
      .selectFrom('case_events')
      .select('internal_note')
      .where('case_id', '=', filed.id)
      .where('action', '=', 'comment')
      .execute();
    expect(notes.map((n) => n.internal_note)).toEqual(['Lần một', 'Lần hai']);
  });

  it('says offline, then catches up, when the server cannot be reached', async () => {
    const filed = await fileReport(t.server);
    const w = workstation();
    await w.sync.steps!.pullPage(0);
    const target = proxy.target;
    proxy.target = 'http://127.0.0.1:9';
    w.sync.start();
    await eventually(() => w.sync.status().state === 'offline', 10_000, 'offline');
    expect(w.sync.status()).toMatchObject({ connected: false, lastError: expect.stringMatching(/cannot be reached/) });
    w.cases.comment({ caseId: filed.id, text: 'Ghi khi mất mạng' }, OPERATOR);
    expect(w.sync.status().pending).toBe(1);
    expect(w.cases.get(filed.id, OPERATOR).timeline.at(-1)).toMatchObject({ action: 'comment', pending: true });
    proxy.target = target;
    await eventually(() => w.sync.status().pending === 0 && w.sync.status().connected, 15_000, 'caught up');
  });

  it('raises the watchdog when commands wait although the server answers, and lowers it when they drain', async () => {
    const filed = await fileReport(t.server);
    const w = openWorkstation(proxy.url, { timing: { watchdogMs: 150, watchdogCheckMs: 25 } });
    open.push(w);
    await w.sync.steps!.pullPage(0);
    proxy.hooks.onResponse = (ex) =>
      ex.path.startsWith('/api/sync/push')
        ? { kind: 'replace', status: 500, body: '{"ok":false,"error":{"code":"internal","message":"Internal error"}}' }
        : { kind: 'pass' };
    w.cases.comment({ caseId: filed.id, text: 'Kẹt hàng đợi' }, OPERATOR);
    w.sync.start();
    // status() says stalled as soon as the wait passes the limit; the event follows at the watchdog's next check.
    const reported = () =>
      w.events.some((e) => e.event === 'sync.status' && (e.payload as { stalled: boolean }).stalled);
    const stalled = await eventually(() => (reported() ? w.sync.status() : null), 10_000, 'stall reported');
    expect(stalled).toMatchObject({ connected: true, pending: 1, state: 'error', stalled: true });
    proxy.hooks = {};
    w.sync.kick();
    await eventually(() => w.sync.status().pending === 0 && !w.sync.status().stalled, 10_000, 'drained');
  });
});
