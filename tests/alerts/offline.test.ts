import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src-shared/contract/alerts';
import { CommandError } from '../../src-shared/contract/errors';
import type { CentralServer } from '../../src-server/server';
import { makeTempDir } from '../integration/tmp-dir';
import { createSqliteDatabase } from '../server/databases';
import { startTamperProxy, type TamperProxy } from '../sync/tamper-proxy';
import { addOperator, call, enrol, floodGauge, ngsiHeaders } from './harness';
import { openWorkstation as open, startServer, until, type Workstation } from './workstation-harness';

const OPERATOR = { userId: 'u-operator', username: 'operator' };
const ALL = { state: 'all' as const, limit: 1000 };
const openWorkstation = (dataDir: string, serverUrl: string) => open(dataDir, { serverUrl });

describe('alerts on a workstation while the central server is away', () => {
  const temp = makeTempDir('ioc-alerts-offline-');
  const db = createSqliteDatabase();
  let server: CentralServer | null = null;
  let proxy: TamperProxy;
  let ws: Workstation | null = null;
  let gaugeAlert: Alert;
  let otherAlert: Alert;
  const pushReplies: string[] = [];

  const raise = (id: string, level: number) =>
    call(`${server!.url}/ngsi-ld/v1/entityOperations/upsert`, {
      headers: ngsiHeaders('json'),
      raw: JSON.stringify([floodGauge(id, level, new Date().toISOString())]),
    });
  const bySource = (alerts: readonly Alert[], id: string) =>
    alerts.find((a) => a.sourceId === `urn:ngsi-ld:FloodMonitoring:${id}`);
  const serverEvents = (alertId: string) =>
    server!.database.db
      .withTables<{ alert_events: { alert_id: string; kind: string; actor: string | null; note: string | null } }>()
      .selectFrom('alert_events')
      .select(['kind', 'actor', 'note'])
      .where('alert_id', '=', alertId)
      .where('kind', '=', 'acknowledged')
      .execute();

  beforeAll(async () => {
    server = await startServer(db);
    proxy = await startTamperProxy(server.url, {
      // The first push's reply is lost after the server committed it: the workstation sends it again.
      onResponse(exchange) {
        if (exchange.method !== 'POST' || !exchange.path.startsWith('/api/sync/push')) return { kind: 'pass' };
        pushReplies.push(exchange.body.toString('utf8'));
        return pushReplies.length === 1
          ? { kind: 'replace', status: 502, body: 'lost', contentType: 'text/plain' }
          : { kind: 'pass' };
      },
    });
  });
  afterAll(async () => {
    await ws?.close();
    await proxy?.close();
    await server?.dispose();
    await db.drop();
    temp.remove();
  });

  it('mirrors the server’s alerts onto disk while connected', async () => {
    ws = openWorkstation(temp.dir, proxy.url);
    ws.sync.start();
    ws.alerts.start();
    expect((await raise('off-1', 1.9)).status).toBe(201);
    expect((await raise('off-2', 1.8)).status).toBe(201);
    const listed = await until(() => {
      const { alerts, link } = ws!.alerts.list(ALL);
      return link.state === 'connected' && alerts.length === 2 ? alerts : null;
    }, 'both alerts mirrored');
    gaugeAlert = bySource(listed, 'off-1')!;
    otherAlert = bySource(listed, 'off-2')!;
    expect(ws.alerts.link()).toMatchObject({ stale: false, pendingAcks: 0 });
    const saved = ws.store.sqlite.prepare('SELECT cursor, server_url FROM alerts_feed').get() as {
      cursor: number;
      server_url: string;
    };
    expect(saved).toEqual({ cursor: expect.any(Number), server_url: proxy.url });
    expect(saved.cursor).toBeGreaterThanOrEqual(Math.max(gaugeAlert.seq, otherAlert.seq));
  });

  it('restarted with the server down, still lists the last known alerts, marked stale', async () => {
    await server!.dispose();
    server = null;
    await until(() => ws!.alerts.link().state === 'offline', 'the feed to notice the outage');
    await ws!.close();

    ws = openWorkstation(temp.dir, proxy.url);
    // Before the feed even tries the server, the list is what was saved.
    const before = ws.alerts.list(ALL);
    expect(before.alerts.map((a) => a.id).sort()).toEqual([gaugeAlert.id, otherAlert.id].sort());
    expect(before.link).toMatchObject({ state: 'connecting', stale: true, lastSyncAt: expect.any(String) });
    ws.sync.start();
    ws.alerts.start();
    await until(() => ws!.alerts.link().state === 'offline', 'offline after the first failed pull');
    const after = ws.alerts.list({ state: 'active', limit: 10, domains: ['drainage'] });
    expect(after.alerts).toHaveLength(2);
    expect(after.link).toMatchObject({ state: 'offline', stale: true });
  });

  it('records an acknowledgement at once while offline and shows it pending; escalating says it needs the server', async () => {
    // An alert this workstation holds but the server does not (its database was restored from a backup).
    const lost = { ...otherAlert, id: 'khong-co-canh-bao-nay', dedupeKey: 'lost', seq: otherAlert.seq };
    ws!.store.sqlite
      .prepare(
        `INSERT INTO alerts_mirror (id, seq, state, severity, domain, acknowledged, last_seen_at, body)
         VALUES (?, ?, 'active', ?, ?, 0, ?, ?)`,
      )
      .run(lost.id, lost.seq, lost.severity, lost.domain, lost.lastSeenAt, JSON.stringify(lost));
    await ws!.close();
    ws = openWorkstation(temp.dir, proxy.url);

    const note = 'Đã cử tổ thoát nước tới kiểm tra';
    const acked = ws!.alerts.acknowledge(gaugeAlert.id, note, OPERATOR);
    // Pending acknowledgement: neither acknowledged (the server has not said so) nor plain unacknowledged.
    expect(acked).toMatchObject({ acknowledged: false, ackPending: true, ackBy: 'operator', ackNote: note });
    expect(ws!.events.at(-1)).toMatchObject({ event: 'alert.changed', payload: { kind: 'acknowledged' } });
    expect(() => ws!.alerts.acknowledge(gaugeAlert.id, '', OPERATOR)).toThrow(/waiting for the central server/);
    expect(
      ws!.alerts
        .list({ ...ALL, acknowledged: false })
        .alerts.map((a) => a.id)
        .sort(),
    ).toEqual([otherAlert.id, lost.id].sort());
    expect(ws!.alerts.link().pendingAcks).toBe(1);
    expect(ws!.sync.status().pending).toBe(1);
    // The same alert acknowledged here and (below) by someone else on the server; and one the server never had.
    ws!.alerts.acknowledge(otherAlert.id, 'Ghi chú của máy trạm này', OPERATOR);
    ws!.alerts.acknowledge(lost.id, '', OPERATOR);
    // Each queued acknowledgement's audit row names its alert, as the server's own history does.
    expect(
      ws!.store.sqlite
        .prepare(`SELECT subject FROM audit_log WHERE action = 'alert.acknowledge' ORDER BY id`)
        .pluck()
        .all(),
    ).toEqual([gaugeAlert.id, otherAlert.id, lost.id]);

    const escalated = ws!.alerts.escalate(gaugeAlert.id, 'operator');
    await expect(escalated).rejects.toBeInstanceOf(CommandError);
    await expect(escalated).rejects.toMatchObject({ code: 'unavailable' });

    // Restarted again before the server is back: the pending acknowledgement is still there.
    await ws!.close();
    ws = openWorkstation(temp.dir, proxy.url);
    expect(ws.alerts.list(ALL).alerts.find((a) => a.id === gaugeAlert.id)).toMatchObject({
      ackPending: true,
      ackNote: note,
    });
    expect(ws.sync.status().pending).toBe(3);
  });

  it('when the server is back: applied once, as the operator with the note; acknowledged by someone else or unknown → conflicts', async () => {
    server = await startServer(db);
    // Someone else (another operator) acknowledges the second alert on the server before this workstation's
    // command arrives.
    await addOperator(server, 'truc-ca-dem');
    const device = await enrol(server.url);
    const other = await call(`${server.url}/api/alerts/${otherAlert.id}/acknowledge`, {
      headers: { authorization: device },
      body: { actorUsername: 'truc-ca-dem', note: 'Tổ trực ca đêm đã xử lý' },
    });
    expect(other.status).toBe(200);
    proxy.target = server.url;
    ws!.sync.start();
    ws!.alerts.start();

    const confirmed = await until(() => {
      const a = ws!.alerts.list(ALL).alerts.find((x) => x.id === gaugeAlert.id);
      return a && a.acknowledged && !a.ackPending ? a : null;
    }, 'the server’s acknowledgement in the mirror');
    expect(confirmed).toMatchObject({ ackBy: 'operator', ackNote: 'Đã cử tổ thoát nước tới kiểm tra' });
    await until(() => ws!.sync.status().pending === 0, 'every command answered');
    expect(ws!.alerts.link()).toMatchObject({ state: 'connected', stale: false, pendingAcks: 0 });

    // The reply to the first push was lost and the batch sent again: still one acknowledgement on the server.
    expect(pushReplies.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(pushReplies[1]!)).toMatchObject({
      results: [
        { seq: 1, status: 'duplicate', original: { status: 'applied' } },
        { seq: 2, status: 'duplicate', original: { status: 'rejected', code: 'already_acknowledged' } },
        { seq: 3, status: 'duplicate', original: { status: 'rejected', code: 'not_found' } },
      ],
    });
    const history = await serverEvents(gaugeAlert.id);
    expect(history).toEqual([{ kind: 'acknowledged', actor: 'operator', note: 'Đã cử tổ thoát nước tới kiểm tra' }]);

    // Acknowledged by someone else meanwhile: theirs stays, and this operator's is a conflict with the reason.
    expect(await serverEvents(otherAlert.id)).toEqual([
      { kind: 'acknowledged', actor: 'truc-ca-dem', note: 'Tổ trực ca đêm đã xử lý' },
    ]);
    const second = await until(() => {
      const a = ws!.alerts.list(ALL).alerts.find((x) => x.id === otherAlert.id);
      return a && !a.ackPending && a.ackConflict ? a : null;
    }, 'the other alert settled with its conflict');
    expect(second).toMatchObject({
      acknowledged: true,
      ackBy: 'truc-ca-dem',
      ackNote: 'Tổ trực ca đêm đã xử lý',
      ackConflict: { code: 'already_acknowledged', message: expect.stringMatching(/truc-ca-dem/) },
    });
    expect(ws!.events).toContainEqual({
      event: 'alert.changed',
      payload: expect.objectContaining({
        alert: expect.objectContaining({ id: otherAlert.id, ackConflict: expect.anything() }),
      }),
    });

    // The alert the server never had: rejected, waiting in the conflicts inbox, nothing lost.
    const conflicts = ws!.sync.conflicts.list(false);
    expect(conflicts.map((c) => [c.name, c.code, c.args])).toEqual([
      ['alert.acknowledge', 'not_found', { alertId: 'khong-co-canh-bao-nay', note: '' }],
      ['alert.acknowledge', 'already_acknowledged', { alertId: otherAlert.id, note: 'Ghi chú của máy trạm này' }],
    ]);
    expect(ws!.alerts.list(ALL).alerts.find((a) => a.id === 'khong-co-canh-bao-nay')?.ackConflict).toMatchObject({
      code: 'not_found',
      conflictId: conflicts[0]!.id,
    });
    // Its pending mark is gone, here and on disk, and the panel was told.
    expect(ws!.alerts.list(ALL).alerts.find((a) => a.id === 'khong-co-canh-bao-nay')).toMatchObject({
      acknowledged: false,
    });
    expect(ws!.alerts.list(ALL).alerts.find((a) => a.id === 'khong-co-canh-bao-nay')?.ackPending).toBeUndefined();
    expect(
      ws!.store.sqlite.prepare("SELECT ack_outbox_id FROM alerts_mirror WHERE id = 'khong-co-canh-bao-nay'").get(),
    ).toEqual({ ack_outbox_id: null });
    expect(ws!.events).toContainEqual({
      event: 'alert.changed',
      payload: expect.objectContaining({
        alert: expect.objectContaining({ id: 'khong-co-canh-bao-nay', acknowledged: false }),
      }),
    });

    // Discarded in the inbox: the alert no longer shows the refusal.
    ws!.sync.conflicts.resolve(conflicts[0]!.id, 'discard', OPERATOR);
    expect(ws!.alerts.list(ALL).alerts.find((a) => a.id === 'khong-co-canh-bao-nay')?.ackConflict).toBeUndefined();
  });
});
