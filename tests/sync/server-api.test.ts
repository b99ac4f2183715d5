// The central server's sync API over real HTTP: enrolment (shared secret and IT officer), device authentication,
// version refusal, pull paging and long-poll, push exactly-once with per-command answers, forced re-sync and
// revocation — and what a workstation does with each answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageTableWire, rowsAsObjects } from '../../src-shared/sync/page-wire';
import { formatCursor } from '../../src-shared/sync/protocol';
import { describeOnEachDatabase, useDatabase } from '../server/databases';
import {
  ENROL_SECRET,
  eventually,
  fileReport,
  openWorkstation,
  OPERATOR,
  startSyncServer,
  type SyncTestServer,
  TEST_PASSWORD,
} from './harness';

const HEADERS = { 'content-type': 'application/json', 'x-ioc-client-version': '0.1.0', 'x-ioc-sync-protocol': '2' };

interface Reply {
  status: number;
  body: { ok: boolean; error?: { code: string; message: string; minVersion?: string; epoch?: string } } & Record<
    string,
    unknown
  >;
  text: string;
}

async function call(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...HEADERS, ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Reply['body'], text };
}

describeOnEachDatabase('the sync API', (dialect) => {
  const db = useDatabase(dialect);
  let t: SyncTestServer;
  let auth: Record<string, string>;
  beforeAll(async () => {
    t = await startSyncServer(db());
    const enrolled = await call(`${t.url}/api/sync/enrol`, { body: { enrolSecret: ENROL_SECRET, label: 'Bàn 1' } });
    expect(enrolled.status).toBe(200);
    auth = { authorization: `Bearer ${String(enrolled.body.deviceId)}.${String(enrolled.body.deviceSecret)}` };
  });
  afterAll(() => t.stop());

  describe('enrolment and authentication', () => {
    it('refuses a wrong enrolment secret, an old client and another protocol', async () => {
      const wrong = await call(`${t.url}/api/sync/enrol`, { body: { enrolSecret: 'x'.repeat(20), label: 'Bàn 2' } });
      expect(wrong).toMatchObject({ status: 401, body: { ok: false, error: { code: 'unauthorized' } } });
      const old = await call(`${t.url}/api/sync/enrol`, {
        body: { enrolSecret: ENROL_SECRET, label: 'Bàn 2' },
        headers: { 'x-ioc-client-version': '0.0.9' },
      });
      expect(old).toMatchObject({ status: 426, body: { error: { code: 'upgrade_required', minVersion: '0.1.0' } } });
      for (const protocol of ['3', 'x']) {
        const newer = await call(`${t.url}/api/sync/pull`, { headers: { ...auth, 'x-ioc-sync-protocol': protocol } });
        expect(newer).toMatchObject({ status: 426, body: { error: { code: 'upgrade_required' } } });
      }
    });

    it('refuses a protocol-1 workstation its pull (positional pages), and still takes its enrolment and push', async () => {
      const v1 = { 'x-ioc-sync-protocol': '1' };
      const pull = await call(`${t.url}/api/sync/pull`, { headers: { ...auth, ...v1 } });
      expect(pull).toMatchObject({
        status: 426,
        body: { error: { code: 'upgrade_required', message: expect.stringMatching(/protocol 2/) } },
      });
      const enrolled = await call(`${t.url}/api/sync/enrol`, {
        body: { enrolSecret: ENROL_SECRET, label: 'Bàn cũ' },
        headers: v1,
      });
      expect(enrolled.status).toBe(200);
      const push = await call(`${t.url}/api/sync/push`, {
        body: { clientId: `client-${dialect}-v1`, commands: [] },
        headers: { ...auth, ...v1 },
      });
      // Past the protocol check: the empty batch is refused as input, not as an old protocol.
      expect(push).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } });
    });

    it('refuses a pull or push without a known device, and never echoes the secret', async () => {
      expect((await call(`${t.url}/api/sync/pull`)).status).toBe(401);
      const forged = await call(`${t.url}/api/sync/pull`, {
        headers: { authorization: `Bearer 01234567-0000-0000-0000-000000000000.${'A'.repeat(43)}` },
      });
      expect(forged).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
      const push = await call(`${t.url}/api/sync/push`, { body: { clientId: 'client-1', commands: [] } });
      expect(push.status).toBe(401);
      const device = await t.server.database.db.selectFrom('sync_devices').select('secret_hash').execute();
      for (const d of device) expect(d.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('lets an IT officer enrol and revoke a device; others may not', async () => {
      const admin = { username: 'it_admin', password: TEST_PASSWORD };
      const byOperator = await call(`${t.url}/api/sync/devices`, {
        body: { username: 'operator', password: TEST_PASSWORD, label: 'x' },
      });
      expect(byOperator).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
      const wrong = await call(`${t.url}/api/sync/devices`, { body: { ...admin, password: 'sai', label: 'x' } });
      expect(wrong.status).toBe(401);
      const made = await call(`${t.url}/api/sync/devices`, { body: { ...admin, label: 'Bàn điều hành 3' } });
      expect(made.status).toBe(200);
      const device = { authorization: `Bearer ${String(made.body.deviceId)}.${String(made.body.deviceSecret)}` };
      expect((await call(`${t.url}/api/sync/pull`, { headers: device })).status).toBe(200);
      const revoked = await call(`${t.url}/api/sync/devices/revoke`, {
        body: { ...admin, deviceId: made.body.deviceId },
      });
      expect(revoked.body).toEqual({ ok: true, revoked: true });
      const after = await call(`${t.url}/api/sync/pull`, { headers: device });
      expect(after).toMatchObject({ status: 403, body: { error: { code: 'device_revoked' } } });
    });
  });

  describe('pull', () => {
    it('pages in commit order with masked reporters, refuses a cursor from the future, and long-polls', async () => {
      await fileReport(t.server, 'Trang một');
      await fileReport(t.server, 'Trang hai');
      const first = await call(`${t.url}/api/sync/pull?limit=1`, { headers: auth });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ ok: true, since: 0, upToDate: false });
      expect(first.text).not.toMatch(/0912345678|lan@example\.vn|"Lan"/);
      const epoch = String(first.body.epoch);
      let cursor = String(first.body.cursor);
      for (let i = 0; i < 100; i++) {
        const page = await call(`${t.url}/api/sync/pull?limit=1&cursor=${cursor}`, { headers: auth });
        cursor = String(page.body.cursor);
        if (page.body.upToDate) break;
      }
      const ahead = await call(`${t.url}/api/sync/pull?cursor=${formatCursor({ epoch, seq: 10_000_000 })}`, {
        headers: auth,
      });
      expect(ahead).toMatchObject({ status: 409, body: { error: { code: 'resync_required', epoch } } });
      const bad = await call(`${t.url}/api/sync/pull?cursor=nonsense`, { headers: auth });
      expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } });

      // Long-poll: the request is held until a change commits, then answers with it.
      const waiting = call(`${t.url}/api/sync/pull?cursor=${cursor}&wait=20s`, { headers: auth });
      await new Promise((r) => setTimeout(r, 300));
      const filed = await fileReport(t.server, 'Đến trong lúc chờ');
      const woke = await waiting;
      expect(rowsAsObjects(woke.body.cases as PageTableWire).map((c) => c.id)).toEqual([filed.id]);
      // Nothing new: the wait ends empty-handed and up to date.
      const idle = await call(`${t.url}/api/sync/pull?cursor=${String(woke.body.cursor)}&wait=1`, { headers: auth });
      expect(idle.body).toMatchObject({ upToDate: true, cases: { rows: [] }, events: { rows: [] } });
    });
  });

  describe('push', () => {
    it('answers each command applied, rejected, duplicate or out of order, and applies each once', async () => {
      const filed = await fileReport(t.server);
      const clientId = `client-${dialect}-a`;
      const cmd = (seq: number, name: string, args: unknown, actorUsername = 'operator') => ({
        seq,
        name,
        args,
        actorUsername,
        createdAt: new Date(Date.now() - 3_600_000).toISOString(),
      });
      const gap = await call(`${t.url}/api/sync/push`, {
        headers: auth,
        body: { clientId, commands: [cmd(3, 'case.comment', { caseId: filed.id, text: 'x' })] },
      });
      expect(gap.body.results).toEqual([{ seq: 3, status: 'out_of_order', expected: 1 }]);
      const batch = {
        clientId,
        commands: [
          cmd(1, 'case.transition', { caseId: filed.id, action: { type: 'triage' } }),
          cmd(2, 'case.transition', { caseId: filed.id, action: { type: 'triage' } }),
          cmd(3, 'case.comment', { caseId: filed.id, text: 'Cảnh sát ghi' }, 'police'),
          cmd(4, 'case.teleport', { caseId: filed.id }),
          cmd(5, 'case.assign', { caseId: filed.id, assignee: 'operator' }),
          cmd(6, 'case.comment', { caseId: 'no-such-case', text: 'x' }),
        ],
      };
      const first = await call(`${t.url}/api/sync/push`, { headers: auth, body: batch });
      expect(first.status).toBe(200);
      const results = first.body.results as { seq: number; status: string; code?: string }[];
      expect(results.map((r) => [r.seq, r.status, r.code])).toEqual([
        [1, 'applied', undefined],
        [2, 'rejected', 'illegal_transition'],
        [3, 'rejected', 'forbidden'],
        [4, 'rejected', 'unknown_command'],
        [5, 'applied', undefined],
        [6, 'rejected', 'not_found'],
      ]);
      const again = await call(`${t.url}/api/sync/push`, { headers: auth, body: batch });
      expect(
        (again.body.results as { status: string; original: { status: string } }[]).map((r) => r.original.status),
      ).toEqual(['applied', 'rejected', 'rejected', 'rejected', 'applied', 'rejected']);
      const events = await t.server.database.db
        .selectFrom('case_events')
        .select(['action', 'at'])
        .where('case_id', '=', filed.id)
        .orderBy('id')
        .execute();
      expect(events.map((e) => e.action)).toEqual(['receive', 'triage', 'assign']);
      // The server's clock dates the step, not the workstation's (an hour behind here).
      expect(Date.parse(events[1]!.at)).toBeGreaterThan(Date.now() - 600_000);
      const row = await t.server.database.db
        .selectFrom('cases')
        .selectAll()
        .where('id', '=', filed.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ state: 'triaged', assignee: 'operator', version: 3 });
    });

    it('refuses malformed batches whole, and a client id that belongs to another device', async () => {
      const noncontiguous = await call(`${t.url}/api/sync/push`, {
        headers: auth,
        body: {
          clientId: 'client-x1',
          commands: [1, 3].map((seq) => ({
            seq,
            name: 'case.comment',
            args: {},
            actorUsername: 'operator',
            createdAt: new Date().toISOString(),
          })),
        },
      });
      expect(noncontiguous).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } });
      const proto = await fetch(`${t.url}/api/sync/push`, {
        method: 'POST',
        headers: { ...HEADERS, ...auth },
        body: '{"clientId":"client-x1","__proto__":{"admin":true},"commands":[]}',
      });
      expect(proto.status).toBe(400);
      const other = await call(`${t.url}/api/sync/enrol`, { body: { enrolSecret: ENROL_SECRET, label: 'Bàn 9' } });
      const otherAuth = { authorization: `Bearer ${String(other.body.deviceId)}.${String(other.body.deviceSecret)}` };
      const filed = await fileReport(t.server);
      const command = {
        seq: 1,
        name: 'case.comment',
        args: { caseId: filed.id, text: 'x' },
        actorUsername: 'operator',
        createdAt: new Date().toISOString(),
      };
      expect(
        (
          await call(`${t.url}/api/sync/push`, {
            headers: auth,
            body: { clientId: 'client-owned', commands: [command] },
          })
        ).status,
      ).toBe(200);
      const stolen = await call(`${t.url}/api/sync/push`, {
        headers: otherAuth,
        body: { clientId: 'client-owned', commands: [{ ...command, seq: 2 }] },
      });
      expect(stolen).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    });
  });

  describe('what a workstation does with the answers', () => {
    it('re-syncs when the server orders it (new epoch), keeping its unsent commands', async () => {
      const filed = await fileReport(t.server);
      const w = openWorkstation(t.url);
      try {
        const steps = w.sync.steps!;
        for (let i = 0; i < 50 && !(await steps.pullPage(0)).upToDate; i++);
        const before = w.store.sqlite.prepare('SELECT epoch FROM sync_client').pluck().get();
        w.cases.comment({ caseId: filed.id, text: 'Chờ gửi qua lần đồng bộ lại' }, OPERATOR);
        const rotated = await call(`${t.url}/api/sync/epoch`, {
          body: { username: 'it_admin', password: TEST_PASSWORD },
        });
        expect(rotated.status).toBe(200);
        await expect(steps.pullPage(0)).rejects.toMatchObject({ kind: 'resync_required' });
        expect(w.store.sqlite.prepare('SELECT count(*) FROM case_mirror').pluck().get()).toBe(0);
        for (let i = 0; i < 50 && !(await steps.pullPage(0)).upToDate; i++);
        expect(w.store.sqlite.prepare('SELECT epoch FROM sync_client').pluck().get()).not.toBe(before);
        expect(w.sync.status().pending).toBe(1);
        await steps.pushBatch();
        expect(w.sync.status().pending).toBe(0);
        const server = await t.server.database.db.selectFrom('cases').select('id').execute();
        expect(w.store.sqlite.prepare('SELECT count(*) FROM case_mirror').pluck().get()).toBe(server.length);
      } finally {
        await w.close();
      }
    });

    it('stops and says so when the server needs a newer workstation, or revoked this one', async () => {
      const old = openWorkstation(t.url, { clientVersion: '0.0.1' });
      try {
        old.sync.start();
        const status = await eventually(() =>
          old.sync.status().state === 'upgrade_required' ? old.sync.status() : null,
        );
        expect(status).toMatchObject({ connected: true, minVersion: '0.1.0' });
      } finally {
        await old.close();
      }
      const w = openWorkstation(t.url);
      try {
        await w.sync.steps!.pullPage(0);
        const deviceId = w.store.sqlite.prepare('SELECT device_id FROM sync_client').pluck().get();
        await call(`${t.url}/api/sync/devices/revoke`, {
          body: { username: 'it_admin', password: TEST_PASSWORD, deviceId },
        });
        w.sync.start();
        await eventually(() => w.sync.status().state === 'revoked', 10_000, 'revoked');
      } finally {
        await w.close();
      }
    });
  });
});

describeOnEachDatabase('enrolment without a shared secret (production)', (dialect) => {
  const db = useDatabase(dialect);
  it('is closed: only an IT officer enrols devices', async () => {
    const t = await startSyncServer(db(), { enrolSecret: null });
    try {
      const r = await call(`${t.url}/api/sync/enrol`, { body: { enrolSecret: ENROL_SECRET, label: 'Bàn 1' } });
      expect(r).toMatchObject({ status: 403, body: { error: { code: 'enrolment_closed' } } });
      expect(t.server.generatedEnrolSecret).toBeNull();
    } finally {
      await t.stop();
    }
  });
});
