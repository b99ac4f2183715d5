import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeOnEachDatabase, useDatabase } from '../server/databases';
import {
  eventually,
  fileReport,
  openWorkstation,
  OPERATOR,
  startSyncServer,
  type SyncTestServer,
  type TestWorkstation,
} from './harness';

// Each test enrols workstations and waits for pulls and pushes (`eventually` allows 45 s or more per wait): the
// limit only ends a test that hangs, it is not a measure.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describeOnEachDatabase('workstation sync over HTTP', (dialect) => {
  const db = useDatabase(dialect);
  let t: SyncTestServer;
  const open: TestWorkstation[] = [];
  const workstation = (...args: Parameters<typeof openWorkstation>) => {
    const w = openWorkstation(...args);
    open.push(w);
    return w;
  };
  beforeAll(async () => {
    t = await startSyncServer(db());
  });
  // Generous: on a loaded 2-core machine, closing workstations mid long-poll and a PostgreSQL pool took > 60 s once.
  afterAll(async () => {
    for (const w of open) await w.close();
    await t.stop();
  }, 180_000);

  it('enrols, pulls every case with a masked reporter, and searches without diacritics', async () => {
    const filed = await fileReport(t.server, 'Cống thoát nước đường Nguyễn Huệ bị nghẹt');
    const w = workstation(t.url);
    w.sync.start();
    await eventually(() => w.sync.status().state === 'live', 10_000, 'live');
    const status = w.sync.status();
    expect(status).toMatchObject({ connected: true, pending: 0, conflicts: 0 });
    expect(status.lastSyncAt).not.toBeNull();
    const found = w.cases.list({ query: 'nguyen hue', limit: 10, offset: 0 });
    expect(found.items.map((c) => c.code)).toContain(filed.code);
    const detail = w.cases.get(filed.id, OPERATOR);
    expect(detail.reporter).toEqual({ name: 'N*** L***', phone: '*******678', email: 'l***@e***.vn' });
    expect(JSON.stringify(detail)).not.toMatch(/0912345678|lan@example|Lan/);
    expect(detail.timeline.map((e) => e.action)).toEqual(['receive']);
  });

  it('queues actions offline-first, applies them exactly once on the server, and shows them at once', async () => {
    const filed = await fileReport(t.server);
    const w = workstation(t.url);
    w.sync.start();
    await eventually(() => w.cases.list({ limit: 500, offset: 0 }).items.some((c) => c.id === filed.id));
    const queued = w.cases.transition({ caseId: filed.id, to: 'triaged', note: 'Đúng loại' }, OPERATOR);
    expect(queued.state).toBe('triaged');
    expect(w.cases.get(filed.id, OPERATOR).state).toBe('triaged');
    w.cases.comment({ caseId: filed.id, text: 'Đã gọi cho tổ trực' }, OPERATOR);
    await eventually(() => w.sync.status().pending === 0, 10_000, 'outbox drained');
    const row = await t.server.database.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', filed.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('triaged');
    const events = await t.server.database.db
      .selectFrom('case_events')
      .select(['action', 'internal_note'])
      .where('case_id', '=', filed.id)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { action: 'receive', internal_note: null },
      { action: 'triage', internal_note: 'Đúng loại' },
      { action: 'comment', internal_note: 'Đã gọi cho tổ trực' },
    ]);
    await eventually(() => w.cases.get(filed.id, OPERATOR).timeline.every((e) => !e.pending), 10_000, 'mirrored');
    expect(w.cases.get(filed.id, OPERATOR).timeline.map((e) => e.action)).toEqual(['receive', 'triage', 'comment']);
  });

  it('puts a command the server refuses in the conflicts inbox and lets it be discarded', async () => {
    const filed = await fileReport(t.server);
    const a = workstation(t.url);
    const b = workstation(t.url);
    a.sync.start();
    b.sync.start();
    await eventually(() =>
      [a, b].every((w) => w.cases.list({ limit: 500, offset: 0 }).items.some((c) => c.id === filed.id)),
    );
    // b goes offline with the case still "received"; meanwhile a rejects it.
    await b.close(true);
    a.cases.transition({ caseId: filed.id, to: 'rejected', note: 'Không đủ thông tin' }, OPERATOR);
    await eventually(() => a.sync.status().pending === 0);
    const b2 = workstation(t.url, { dataDir: b.dataDir });
    expect(b2.cases.get(filed.id, OPERATOR).state).toBe('received');
    b2.cases.transition({ caseId: filed.id, to: 'triaged' }, OPERATOR);
    expect(b2.cases.get(filed.id, OPERATOR).state).toBe('triaged');
    b2.sync.start();
    await eventually(() => b2.sync.status().conflicts === 1, 10_000, 'conflict');
    const [conflict] = b2.sync.conflicts.list(false);
    expect(conflict).toMatchObject({ name: 'case.transition', caseId: filed.id, code: 'illegal_transition' });
    // The optimistic view lets go of the refused step once the server's state is mirrored.
    await eventually(() => b2.cases.get(filed.id, OPERATOR).state === 'rejected', 10_000, 'server state shown');
    b2.sync.conflicts.resolve(conflict!.id, 'discard', OPERATOR);
    expect(b2.sync.status().conflicts).toBe(0);
    expect(b2.sync.conflicts.list(true)[0]).toMatchObject({ id: conflict!.id, resolution: 'discarded' });
  });

  it('leaves no timer running once a started workstation is closed, even mid long-poll', async () => {
    // Only the timers the workstation's own code (src-main/) sets are followed: counting every timer of the process
    // raced with the in-process server's and the earlier tests' (PostgreSQL's pool keeps one per idle connection,
    // and it failed at load).
    const workstationTimers: NodeJS.Timeout[] = [];
    const realTimeout = globalThis.setTimeout;
    const realInterval = globalThis.setInterval;
    const follow = (timer: NodeJS.Timeout) => {
      if (/[\\/]src-main[\\/]/.test(new Error().stack ?? '')) workstationTimers.push(timer);
      return timer;
    };
    globalThis.setTimeout = ((...args: Parameters<typeof realTimeout>) =>
      follow(realTimeout(...args))) as unknown as typeof setTimeout;
    globalThis.setInterval = ((...args: Parameters<typeof realInterval>) =>
      follow(realInterval(...args))) as unknown as typeof setInterval;
    // A timer that fired (not repeating) or was cleared is destroyed.
    const running = () => workstationTimers.filter((t) => !(t as unknown as { _destroyed: boolean })._destroyed);
    try {
      const w = openWorkstation(t.url, { timing: { pullWaitS: 20 } });
      w.sync.start();
      await eventually(() => w.sync.status().state === 'live', 10_000, 'live');
      expect(running().length).toBeGreaterThan(0);
      await w.close();
      const last = w.events.filter((e) => e.event === 'sync.status').at(-1);
      expect(last?.payload).toMatchObject({ state: 'stopped' });
      await eventually(() => running().length === 0, 15_000, 'timers released');
    } finally {
      globalThis.setTimeout = realTimeout;
      globalThis.setInterval = realInterval;
    }
  });
});
