// Real-process fault tests (issue 5): the workstation core killed with SIGKILL in the middle of a push and of a
// pull, and the central server killed and restarted during sync. Real processes, real HTTP on 127.0.0.1 (through
// a proxy that can hold or cut replies after the server acted), real SQLite files and PostgreSQL; both databases
// are checked afterwards.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { parseCursor } from '../../src-shared/sync/protocol';
import { openDatabase } from '../../src-server/db/open-database';
import { withSyncTables } from '../../src-server/sync/tables';
import { makeTempDir } from '../integration/tmp-dir';
import { describeOnEachDatabase, type TestDatabase, useDatabase } from '../server/databases';
import { eventually } from './harness';
import {
  killAll,
  killHard,
  postReport,
  rpcClient,
  startCoreProcess,
  startServerProcess,
  stopGracefully,
} from './processes';
import { startTamperProxy, type TamperProxy } from './tamper-proxy';

interface Status {
  connected: boolean;
  pending: number;
  conflicts: number;
  state: string;
}
interface CaseList {
  items: { id: string; code: string }[];
  total: number;
}

afterEach(() => killAll());

/** Both databases after the processes stopped: intact, and telling the same story. */
async function checkDatabases(server: TestDatabase, corePath: string): Promise<void> {
  const core = new BetterSqlite3(corePath, { readonly: true });
  const target = await openDatabase(server.target);
  try {
    expect(core.pragma('integrity_check', { simple: true })).toBe('ok');
    if (server.target.kind === 'sqlite') {
      const file = new BetterSqlite3(server.target.path, { readonly: true });
      expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
      file.close();
    }
    const db = target.db;
    const outbox = core
      .prepare<[], { client_id: string; seq: number; state: string }>('SELECT client_id, seq, state FROM outbox')
      .all();
    expect(outbox.filter((o) => o.state === 'pending')).toEqual([]);
    const applied = await db.selectFrom('sync_applied').selectAll().execute();
    for (const o of outbox) {
      const answers = applied.filter((a) => a.client_id === o.client_id && Number(a.seq) === o.seq);
      expect(answers.map((a) => a.outcome)).toEqual([o.state]);
    }
    // Exactly once: one timeline note per applied comment command, over every workstation that ever synced.
    const comments = await db.selectFrom('case_events').select('id').where('action', '=', 'comment').execute();
    expect(comments).toHaveLength(applied.filter((a) => a.name === 'case.comment' && a.outcome === 'applied').length);
    const cases = await db.selectFrom('cases').select(['id', 'state', 'version', 'change_seq']).orderBy('id').execute();
    const mirror = core.prepare('SELECT id, state, version, change_seq FROM case_mirror ORDER BY id').all();
    expect(mirror).toEqual(cases.map((c) => ({ ...c, version: Number(c.version), change_seq: Number(c.change_seq) })));
    const events = await db.selectFrom('case_events').select('id').orderBy('id').execute();
    expect(core.prepare('SELECT id FROM case_event_mirror ORDER BY id').pluck().all()).toEqual(
      events.map((e) => Number(e.id)),
    );
  } finally {
    core.close();
    await target.dispose();
  }
}

// Each test runs real processes through kills and restarts, and the audit push waits out a long-poll (≤ 25 s).
const FAULT_TEST_TIMEOUT_MS = 240_000;

describeOnEachDatabase('sync under real process faults', (dialect) => {
  const db = useDatabase(dialect);

  async function live(call: Awaited<ReturnType<typeof rpcClient>>, timeoutMs = 60_000): Promise<Status> {
    return eventually(
      async () => {
        const s = await call<Status>('sync.status');
        return s.state === 'live' && s.pending === 0 ? s : null;
      },
      timeoutMs,
      'sync live with nothing pending',
    );
  }

  it(
    'kill -9 of the workstation core in the middle of a push: nothing lost, nothing applied twice',
    async () => {
      const server = await startServerProcess(db().arg);
      const proxy = await startTamperProxy(server.url);
      const temp = makeTempDir('ioc-fault-push-');
      try {
        const code = await postReport(server.url, 'Mất điện chiếu sáng đường Lý Thường Kiệt');
        let core = await startCoreProcess(temp.dir, proxy.url);
        let call = await rpcClient(core.url);
        const caseId = await eventually(
          async () => (await call<CaseList>('cases.list', { query: code })).items[0]?.id,
          30_000,
          'case mirrored',
        );
        let release: () => void = () => undefined;
        const held = new Promise<void>((resolve) => (release = resolve));
        proxy.hooks.onResponse = (ex) => {
          if (ex.path.startsWith('/api/sync/push') && ex.status === 200) {
            proxy.hooks.onResponse = undefined;
            release();
            return { kind: 'hold' };
          }
          return { kind: 'pass' };
        };
        for (let i = 0; i < 5; i++) await call('case.comment', { caseId, text: `Ghi chú ${i + 1}` });
        await held;
        // The server has committed the batch; the workstation dies before it hears so.
        await killHard(core);
        const target = await openDatabase(db().target);
        const committed = await target.db.selectFrom('sync_applied').select('seq').execute();
        await target.dispose();
        expect(committed.length).toBeGreaterThan(0);

        core = await startCoreProcess(temp.dir, proxy.url);
        call = await rpcClient(core.url);
        await live(call);
        const detail = await eventually(
          async () => {
            const d = await call<{ timeline: { action: string; pending: boolean; internalNote: string | null }[] }>(
              'cases.get',
              { id: caseId },
            );
            return d.timeline.every((e) => !e.pending) ? d : null;
          },
          30_000,
          'timeline confirmed',
        );
        expect(detail.timeline.filter((e) => e.action === 'comment').map((e) => e.internalNote)).toEqual([
          'Ghi chú 1',
          'Ghi chú 2',
          'Ghi chú 3',
          'Ghi chú 4',
          'Ghi chú 5',
        ]);
        await stopGracefully(core);
        await stopGracefully(server);
        await checkDatabases(db(), join(temp.dir, 'ioc.sqlite'));
      } finally {
        await proxy.close();
        temp.remove();
      }
    },
    FAULT_TEST_TIMEOUT_MS,
  );

  it(
    'kill -9 of the workstation core in the middle of a pull: the saved cursor covers exactly the saved rows',
    async () => {
      const server = await startServerProcess(db().arg);
      for (let i = 0; i < 60; i++) await postReport(server.url, `Phản ánh số ${i + 1} về rác thải`);
      const proxy = await startTamperProxy(server.url);
      const temp = makeTempDir('ioc-fault-pull-');
      try {
        // Small pages, so the initial sync takes several; the second one is cut half-way and the core killed.
        proxy.hooks.rewritePath = (p) => (p.startsWith('/api/sync/pull') ? p.replace(/limit=\d+/, 'limit=20') : p);
        const pages: string[] = [];
        let release: () => void = () => undefined;
        const cut = new Promise<void>((resolve) => (release = resolve));
        /** The cursor the core has committed, read beside it (WAL lets a reader in while it writes). */
        const committed = () => {
          const file = new BetterSqlite3(join(temp.dir, 'ioc.sqlite'), { readonly: true });
          try {
            const row = file.prepare('SELECT epoch, cursor_seq FROM sync_client').get() as {
              epoch: string | null;
              cursor_seq: number;
            };
            return row.epoch === null ? null : `${row.epoch}:${row.cursor_seq}`;
          } finally {
            file.close();
          }
        };
        proxy.hooks.onResponse = async (ex) => {
          if (!ex.path.startsWith('/api/sync/pull') || ex.status !== 200) return { kind: 'pass' };
          pages.push(ex.body.toString());
          if (pages.length === 2) {
            // The core asks for the next page before it writes the one it holds (pipelined paging): the second
            // page is cut only once the first is committed, so the kill lands in the middle of the second pull.
            const firstCursor = (JSON.parse(pages[0]!) as { cursor: string }).cursor;
            while (committed() !== firstCursor) await new Promise((resolve) => setTimeout(resolve, 20));
            release();
            return { kind: 'truncate', bytes: Math.floor(ex.body.length / 2) };
          }
          return { kind: 'pass' };
        };
        let core = await startCoreProcess(temp.dir, proxy.url);
        await cut;
        await killHard(core);
        proxy.hooks.onResponse = undefined;

        const first = JSON.parse(pages[0]!) as { cursor: string; cases: { rows: unknown[] } };
        const file = new BetterSqlite3(join(temp.dir, 'ioc.sqlite'), { readonly: true });
        const saved = file.prepare('SELECT epoch, cursor_seq FROM sync_client').get() as {
          epoch: string;
          cursor_seq: number;
        };
        const rows = file.prepare('SELECT count(*) AS n FROM case_mirror').get() as { n: number };
        file.close();
        expect(saved).toEqual({ epoch: parseCursor(first.cursor)!.epoch, cursor_seq: parseCursor(first.cursor)!.seq });
        expect(rows.n).toBe(first.cases.rows.length);

        const before = proxy.log.length;
        core = await startCoreProcess(temp.dir, proxy.url);
        const call = await rpcClient(core.url);
        await live(call);
        // It resumed from the saved cursor: the page it had is never downloaded again.
        const firstPull = proxy.log.slice(before).find((l) => l.path.startsWith('/api/sync/pull'));
        expect(new URL(firstPull!.path, 'http://x').searchParams.get('cursor')).toBe(first.cursor);
        const list = await call<CaseList>('cases.list', { limit: 1000 });
        const target = await openDatabase(db().target);
        const total = await target.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        await target.dispose();
        expect(list.total).toBe(Number(total.n));
        await stopGracefully(core);
        await stopGracefully(server);
        await checkDatabases(db(), join(temp.dir, 'ioc.sqlite'));
      } finally {
        await proxy.close();
        temp.remove();
      }
    },
    FAULT_TEST_TIMEOUT_MS,
  );

  it(
    'the central server killed and restarted during sync: the workstation works offline and catches up',
    async () => {
      let server = await startServerProcess(db().arg);
      const proxy: TamperProxy = await startTamperProxy(server.url);
      const temp = makeTempDir('ioc-fault-server-');
      try {
        const code = await postReport(server.url, 'Ngập nước đường Nguyễn Huệ');
        const core = await startCoreProcess(temp.dir, proxy.url);
        const call = await rpcClient(core.url);
        await live(call);
        const caseId = (await call<CaseList>('cases.list', { query: code })).items[0]!.id;
        for (let i = 0; i < 10; i++) {
          if (i === 4) await killHard(server);
          await call('case.comment', { caseId, text: `Cập nhật ${i + 1}` });
        }
        const offline = await eventually(
          async () => {
            const s = await call<Status>('sync.status');
            return !s.connected && s.pending > 0 ? s : null;
          },
          30_000,
          'offline with commands queued',
        );
        expect(offline.state).toBe('offline');
        server = await startServerProcess(db().arg);
        proxy.target = server.url;
        await live(call, 90_000);
        await stopGracefully(core);
        await stopGracefully(server);
        await checkDatabases(db(), join(temp.dir, 'ioc.sqlite'));
        const target = await openDatabase(db().target);
        const notes = await target.db
          .selectFrom('case_events')
          .select('internal_note')
          .where('case_id', '=', caseId)
          .where('action', '=', 'comment')
          .orderBy('id')
          .execute();
        await target.dispose();
        expect(notes.map((n) => n.internal_note)).toEqual(Array.from({ length: 10 }, (_, i) => `Cập nhật ${i + 1}`));
      } finally {
        await proxy.close();
        temp.remove();
      }
    },
    FAULT_TEST_TIMEOUT_MS,
  );

  it(
    'kill -9 of the workstation core in the middle of an audit push: every audit row arrives exactly once',
    async () => {
      const server = await startServerProcess(db().arg);
      const proxy = await startTamperProxy(server.url);
      const temp = makeTempDir('ioc-fault-audit-');
      const corePath = join(temp.dir, 'ioc.sqlite');
      const local = () => {
        const file = new BetterSqlite3(corePath, { readonly: true });
        try {
          return {
            origin: file.prepare('SELECT origin FROM audit_push').pluck().get() as string,
            ids: file.prepare('SELECT id FROM audit_log ORDER BY id').pluck().all() as number[],
          };
        } finally {
          file.close();
        }
      };
      const onServer = async (origin: string) => {
        const target = await openDatabase(db().target);
        try {
          const rows = await withSyncTables(target.db)
            .selectFrom('workstation_audit')
            .select('local_seq')
            .where('origin', '=', origin)
            .orderBy('local_seq')
            .execute();
          return rows.map((r) => Number(r.local_seq));
        } finally {
          await target.dispose();
        }
      };
      try {
        const code = await postReport(server.url, 'Nắp cống bị vỡ trước chợ Sa Đéc');
        let release: () => void = () => undefined;
        const held = new Promise<void>((resolve) => (release = resolve));
        proxy.hooks.onResponse = (ex) => {
          if (ex.path === '/api/sync/audit' && ex.status === 200) {
            proxy.hooks.onResponse = undefined;
            release();
            return { kind: 'hold' };
          }
          return { kind: 'pass' };
        };
        let core = await startCoreProcess(temp.dir, proxy.url);
        let call = await rpcClient(core.url);
        const caseId = await eventually(
          async () => (await call<CaseList>('cases.list', { query: code })).items[0]?.id,
          30_000,
          'case mirrored',
        );
        // A command wakes the worker: it pushes the command, then the audit rows — whose reply never comes.
        await call('case.comment', { caseId, text: 'Đã báo đội thoát nước' });
        await held;
        await killHard(core);
        const before = local();
        expect((await onServer(before.origin)).length).toBeGreaterThan(0);

        core = await startCoreProcess(temp.dir, proxy.url);
        call = await rpcClient(core.url);
        await call('case.comment', { caseId, text: 'Đội đã đến hiện trường' });
        await live(call);
        await eventually(
          () => {
            const file = new BetterSqlite3(corePath, { readonly: true });
            try {
              // The report's first event and both notes, as the server committed them.
              // Earlier tests in this file share the server, so count this case's events only.
              return file.prepare('SELECT count(*) FROM case_event_mirror WHERE case_id = ?').pluck().get(caseId) === 3;
            } finally {
              file.close();
            }
          },
          30_000,
          'both notes mirrored',
        );
        await eventually(
          async () => {
            const now = local();
            return (await onServer(now.origin)).length === now.ids.length;
          },
          60_000,
          'every audit row on the server',
        );
        await stopGracefully(core);
        await stopGracefully(server);
        const after = local();
        expect(after.origin).toBe(before.origin);
        expect(after.ids.length).toBeGreaterThan(before.ids.length);
        expect(await onServer(after.origin)).toEqual(after.ids);
        await checkDatabases(db(), corePath);
      } finally {
        await proxy.close();
        temp.remove();
      }
    },
    FAULT_TEST_TIMEOUT_MS,
  );
});
