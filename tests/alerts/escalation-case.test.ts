// Escalating an alert opens a case through the same insertion as Open311 and `case.create`: a site from the alert's
// location (so a workstation's site rules see it), a sync cursor the pull delivers, and the columns a citizen's
// report gets — on SQLite and PostgreSQL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsAsObjects, type PullPageWire } from '../../src-shared/sync/page-wire';
import { SYNC_PROTOCOL_VERSION } from '../../src-shared/sync/protocol';
import { describeOnEachDatabase } from '../server/databases';
import { TEST_API_KEY } from '../server/server-harness';
import { escalate, escalateFloodAlert, postLampReport } from './escalation';
import { type AlertsServer, call, startAlertsServer } from './harness';

const SYNC = { 'x-ioc-client-version': '0.1.0', 'x-ioc-sync-protocol': String(SYNC_PROTOCOL_VERSION) };
/** Only a citizen's report carries the API key it came through. */
const CITIZEN_ONLY = new Set(['api_key_id']);

describeOnEachDatabase('a case escalated from an alert', (dialect) => {
  let s: AlertsServer;
  let caseId: string;
  let caseCode: string;
  let alertId: string;
  let citizenCode: string;

  const caseRow = (where: 'id' | 'code', value: string) =>
    s.server.database.db.selectFrom('cases').selectAll().where(where, '=', value).executeTakeFirstOrThrow();

  beforeAll(async () => {
    s = await startAlertsServer(dialect, { env: { IOC_OPEN311_API_KEY: TEST_API_KEY } });
    citizenCode = await postLampReport(s, '10.4598', '105.6321');
    ({ alertId, caseId, caseCode } = await escalateFloodAlert(s, 'site-1'));
  });
  afterAll(async () => s?.stop());

  it('belongs to the site whose area holds the alert', async () => {
    const row = await caseRow('id', caseId);
    expect(row).toMatchObject({ code: caseCode, channel: 'alert', kind: 'alert_incident', site_id: 'cao-lanh' });
    expect(row.lat).toBeCloseTo(10.4598, 6);
    expect(row.long).toBeCloseTo(105.6321, 6);
  });

  it('fills the same columns as a citizen’s report at the same place', async () => {
    const citizen = await caseRow('code', citizenCode);
    const escalated = await caseRow('id', caseId);
    const filled = (row: Record<string, unknown>) =>
      Object.keys(row)
        .filter((k) => row[k] !== null && !CITIZEN_ONLY.has(k))
        .sort();
    expect(filled(escalated)).toEqual(filled(citizen));
    expect(escalated.site_id).toBe(citizen.site_id);
  });

  it('keeps the alert ↔ case link and both histories', async () => {
    const db = s.server.database.db;
    const alert = (await call(`${s.url}/api/alerts`, { headers: { authorization: s.device } })).json as {
      alerts: { id: string; caseId: string | null; caseCode: string | null }[];
    };
    expect(alert.alerts.find((a) => a.id === alertId)).toMatchObject({ caseId, caseCode });
    const first = await db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).execute();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ action: 'receive', to_state: 'received', actor: 'operator' });
    expect(JSON.parse(first[0]!.data)).toEqual({ channel: 'alert', alertId });
    expect(first[0]!.internal_note).toContain(alertId);
    const again = await escalate(s, alertId);
    expect(again.status).toBe(409);
    expect(await db.selectFrom('cases').select('id').where('channel', '=', 'alert').execute()).toHaveLength(1);
  });

  it('reaches workstations through the sync pull, with its site and cursor', async () => {
    const row = await caseRow('id', caseId);
    expect(Number(row.change_seq)).toBeGreaterThan(0);
    const res = await fetch(`${s.url}/api/sync/pull?limit=1000`, { headers: { ...SYNC, authorization: s.device } });
    expect(res.status).toBe(200);
    const page = (await res.json()) as PullPageWire;
    const wire = rowsAsObjects(page.cases).find((c) => c.id === caseId);
    expect(wire).toMatchObject({ code: caseCode, siteId: 'cao-lanh', changeSeq: Number(row.change_seq) });
    const event = rowsAsObjects(page.events).find((e) => e.caseId === caseId);
    expect(event).toMatchObject({ action: 'receive', changeSeq: Number(row.change_seq) });
  });
});
