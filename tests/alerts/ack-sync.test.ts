import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Alert } from '../../src-shared/contract/alerts';
import { withAlertTables } from '../../src-server/alerts/tables';
import { describeOnEachDatabase } from '../server/databases';
import { addOperator, type AlertsServer, call, floodGauge, ngsiHeaders, startAlertsServer } from './harness';

const SYNC_HEADERS = { 'x-ioc-client-version': '0.1.0', 'x-ioc-sync-protocol': '1' };

/** `alert.acknowledge` through the sync push on a real central server: the rules, the role check, once only. */
describeOnEachDatabase('alert acknowledgements through the sync outbox', (dialect) => {
  let server: AlertsServer;
  let alert: Alert;
  beforeAll(async () => {
    server = await startAlertsServer(dialect);
    await addOperator(server.server, 'truc-ca-dem');
    const raised = await call(`${server.url}/ngsi-ld/v1/entityOperations/upsert`, {
      headers: ngsiHeaders('json'),
      raw: JSON.stringify([floodGauge('sync-ack', 1.9, new Date().toISOString())]),
    });
    expect(raised.status).toBe(201);
    // The ingest answers once the signal is queued; the engine writes the alert in its next batch.
    await server.server.alerts.engine.drain();
    const page = await call(`${server.url}/api/alerts?since=0`, { headers: { authorization: server.device } });
    alert = (page.json as { alerts: Alert[] }).alerts[0]!;
  });
  afterAll(async () => {
    await server?.stop();
  });

  const command = (seq: number, actorUsername: string, args: unknown) => ({
    seq,
    name: 'alert.acknowledge',
    args,
    actorUsername,
    createdAt: new Date().toISOString(),
  });
  const push = (commands: unknown[]) =>
    call(`${server.url}/api/sync/push`, {
      headers: { authorization: server.device, ...SYNC_HEADERS },
      body: { clientId: `alerts-${dialect}-client`, commands },
    });
  const history = () =>
    withAlertTables(server.server.database.db)
      .selectFrom('alert_events')
      .select(['actor', 'note'])
      .where('alert_id', '=', alert.id)
      .where('kind', '=', 'acknowledged')
      .execute();

  it('applies as the named user with the right permission, once; refuses others with a reason', async () => {
    const batch = [
      command(1, 'director', { alertId: alert.id, note: 'không có quyền' }),
      command(2, 'operator', { alertId: alert.id, note: 'x', by: 'director' }),
      command(3, 'operator', { alertId: 'khong-co', note: '' }),
      command(4, 'operator', { alertId: alert.id, note: '  Đã cử tổ thoát nước  ' }),
      // The same operator already acknowledged it (on another workstation): not an error.
      command(5, 'operator', { alertId: alert.id, note: 'lần hai' }),
      // Someone else already acknowledged it: refused with the reason, theirs stands.
      command(6, 'truc-ca-dem', { alertId: alert.id, note: 'ca đêm' }),
    ];
    const first = await push(batch);
    expect(first.status).toBe(200);
    expect((first.json as { results: unknown[] }).results).toEqual([
      { seq: 1, status: 'rejected', code: 'forbidden', message: expect.stringContaining('alerts.acknowledge') },
      { seq: 2, status: 'rejected', code: 'invalid', message: expect.any(String) },
      { seq: 3, status: 'rejected', code: 'not_found', message: expect.any(String) },
      { seq: 4, status: 'applied', changeSeq: expect.any(Number) },
      { seq: 5, status: 'applied', changeSeq: expect.any(Number) },
      {
        seq: 6,
        status: 'rejected',
        code: 'already_acknowledged',
        message: expect.stringMatching(/^Already acknowledged by operator at /),
      },
    ]);
    expect(await history()).toEqual([{ actor: 'operator', note: 'Đã cử tổ thoát nước' }]);
    const row = await withAlertTables(server.server.database.db)
      .selectFrom('alerts')
      .select(['acknowledged', 'ack_by', 'ack_note'])
      .where('id', '=', alert.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ acknowledged: 1, ack_by: 'operator', ack_note: 'Đã cử tổ thoát nước' });

    // The same batch delivered again (a lost reply): the first answers, nothing applied twice.
    const again = await push(batch);
    expect((again.json as { results: { status: string }[] }).results.map((r) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(await history()).toHaveLength(1);
  });

  it('moves the alert feed so workstations see the acknowledgement', async () => {
    const page = await call(`${server.url}/api/alerts?since=${alert.seq}`, {
      headers: { authorization: server.device },
    });
    expect((page.json as { alerts: Alert[] }).alerts).toEqual([
      expect.objectContaining({ id: alert.id, acknowledged: true, lastChange: 'acknowledged', ackBy: 'operator' }),
    ]);
  });
});
