// The cases and sync commands through the core's contract (POST /api/rpc and the WebSocket's events), with the
// roles of DESIGN.md §1: operators read and act, police read, technicians never see cases or reporters.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../integration/core-harness';
import { openSocket } from '../integration/ws-client';
import { describeOnEachDatabase, useDatabase } from '../server/databases';
import { ENROL_SECRET, eventually, fileReport, startSyncServer, type SyncTestServer } from './harness';

interface Ok<T> {
  ok: true;
  value: T;
}

describeOnEachDatabase('cases and sync in the contract', (dialect) => {
  const db = useDatabase(dialect);
  let t: SyncTestServer;
  let core: TestCore;
  let operator: string;
  beforeAll(async () => {
    t = await startSyncServer(db());
    core = await startTestCore(['--server', t.url], { IOC_SYNC_ENROL_SECRET: ENROL_SECRET });
    operator = await core.login('operator');
  });
  afterAll(async () => {
    await core.stop();
    await t.stop();
  });
  const value = async <T>(command: string, input: unknown, token = operator): Promise<T> => {
    const r = await core.rpc(command, input, token);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    return (r.json as Ok<T>).value;
  };

  it('lists, searches and opens cases, transitions and comments, and reports sync status', async () => {
    const filed = await fileReport(t.server, 'Ngập nặng tại đường Nguyễn Huệ, phường Mỹ Phú');
    await eventually(async () => (await value<{ total: number }>('cases.list', { query: 'ngap nang' })).total === 1);
    const status = await value<{ connected: boolean; state: string }>('sync.status', {});
    expect(status).toMatchObject({ connected: true, state: 'live' });

    const detail = await value<{ state: string; next: { action: string; to: string }[]; reporter: unknown }>(
      'cases.get',
      { id: filed.id },
    );
    expect(detail.state).toBe('received');
    expect(detail.next.map((n) => n.to)).toEqual(expect.arrayContaining(['triaged', 'rejected', 'duplicate']));
    expect(detail.reporter).toEqual({ name: 'N*** L***', phone: '*******678', email: 'l***@e***.vn' });

    const socket = await openSocket(core.url, operator);
    await socket.next();
    const moved = await value<{ action: string; state: string; seq: number }>('case.transition', {
      caseId: filed.id,
      to: 'triaged',
    });
    expect(moved).toMatchObject({ action: 'triage', state: 'triaged' });
    // sync.status events may come first: the first case.changed is about this case, from this workstation.
    let event = await socket.next();
    for (let i = 0; i < 20 && !(event.t === 'event' && event.event === 'case.changed'); i++)
      event = await socket.next();
    expect(event).toMatchObject({
      t: 'event',
      event: 'case.changed',
      payload: { caseIds: [filed.id], source: 'local' },
    });
    socket.socket.close();

    await value('case.comment', { caseId: filed.id, text: 'Đã báo đội thoát nước' });
    const illegal = await core.rpc('case.transition', { caseId: filed.id, to: 'closed' }, operator);
    expect(illegal).toMatchObject({ status: 409, json: { ok: false, error: { code: 'conflict' } } });
    const missing = await core.rpc('case.transition', { caseId: filed.id, to: 'forwarded' }, operator);
    expect(missing).toMatchObject({ status: 400, json: { error: { code: 'invalid_input' } } });
    await eventually(async () => (await value<{ pending: number }>('sync.status', {})).pending === 0);
    const server = await t.server.database.db
      .selectFrom('case_events')
      .select('action')
      .where('case_id', '=', filed.id)
      .orderBy('id')
      .execute();
    expect(server.map((e) => e.action)).toEqual(['receive', 'triage', 'comment']);
    expect(await value('sync.conflicts', {})).toEqual([]);
  });

  it('lets the police read but not act, and keeps cases from technicians', async () => {
    const filed = await fileReport(t.server);
    await eventually(async () => (await core.rpc('cases.get', { id: filed.id }, operator)).status === 200);
    const police = await core.login('police');
    expect((await core.rpc('cases.get', { id: filed.id }, police)).status).toBe(200);
    const act = await core.rpc('case.comment', { caseId: filed.id, text: 'x' }, police);
    expect(act).toMatchObject({ status: 403, json: { error: { code: 'forbidden' } } });
    const technician = await core.login('technician');
    for (const [command, input] of [
      ['cases.list', {}],
      ['cases.get', { id: filed.id }],
      ['sync.conflicts', {}],
    ] as const) {
      expect((await core.rpc(command, input, technician)).status, command).toBe(403);
    }
    // Whether the server can be reached is not a secret: every role sees the offline banner.
    expect((await core.rpc('sync.status', {}, technician)).status).toBe(200);
  });

  it('resolves a conflict by retrying it, edited, as a new command', async () => {
    const filed = await fileReport(t.server);
    await eventually(async () => (await core.rpc('cases.get', { id: filed.id }, operator)).status === 200);
    // A comment in the name of a user the central server does not know is refused there.
    const token = await core.login('operator');
    await t.server.database.db
      .updateTable('users')
      .set({ disabled: 1 })
      .where('username_key', '=', 'operator')
      .execute();
    await value('case.comment', { caseId: filed.id, text: 'Bị từ chối' }, token);
    const [conflict] = await eventually(async () => {
      const list = await value<{ id: number; code: string; args: { caseId: string; text: string } }[]>(
        'sync.conflicts',
        {},
      );
      return list.length > 0 ? list : null;
    });
    expect(conflict).toMatchObject({ code: 'forbidden', args: { caseId: filed.id, text: 'Bị từ chối' } });
    await t.server.database.db
      .updateTable('users')
      .set({ disabled: 0 })
      .where('username_key', '=', 'operator')
      .execute();
    const bad = await core.rpc(
      'sync.resolveConflict',
      { id: conflict!.id, resolution: 'retry', args: { x: 1 } },
      token,
    );
    expect(bad).toMatchObject({ status: 400 });
    const retried = await value<{ seq: number }>('sync.resolveConflict', {
      id: conflict!.id,
      resolution: 'retry',
      args: { caseId: filed.id, text: 'Gửi lại sau khi sửa' },
    });
    expect(retried.seq).toBeGreaterThan(0);
    await eventually(async () => (await value<{ pending: number }>('sync.status', {})).pending === 0);
    expect(await value('sync.conflicts', {})).toEqual([]);
    const again = await core.rpc('sync.resolveConflict', { id: conflict!.id, resolution: 'discard' }, token);
    expect(again).toMatchObject({ status: 409 });
    const notes = await t.server.database.db
      .selectFrom('case_events')
      .select('internal_note')
      .where('case_id', '=', filed.id)
      .where('action', '=', 'comment')
      .execute();
    expect(notes.map((n) => n.internal_note)).toEqual(['Gửi lại sau khi sửa']);
  });
});
