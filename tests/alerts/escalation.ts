// What the escalation tests share: a citizen's report beside the case, and an alert escalated to a case.
import { expect } from 'vitest';
import { postForm, TEST_API_KEY } from '../server/server-harness';
import { type AlertsServer, call, floodGauge, type JsonReply, ngsiHeaders } from './harness';

/** A citizen's report of a street lamp that does not light, posted to Open311 at `lat`, `long`; its code. */
export async function postLampReport(s: AlertsServer, lat: string, long: string): Promise<string> {
  const posted = await postForm(`${s.url}/open311/v2/requests.json`, {
    api_key: TEST_API_KEY,
    service_code: 'lighting',
    lat,
    long,
    'attribute[tinh_trang]': 'khong_sang',
    description: 'Đèn đường trước số 12 Lý Thường Kiệt không sáng',
  });
  expect(posted.status).toBe(201);
  return (JSON.parse(posted.text) as { service_request_id: string }[])[0]!.service_request_id;
}

/** The operator escalates the alert to a case, from the test's enrolled workstation. */
export function escalate(s: AlertsServer, alertId: string): Promise<JsonReply> {
  return call(`${s.url}/api/alerts/${alertId}/escalate`, {
    headers: { authorization: s.device },
    body: { actorUsername: 'operator' },
  });
}

/** Flood gauge `gaugeId` over its alert level raises the server's only alert, which the operator escalates. */
export async function escalateFloodAlert(
  s: AlertsServer,
  gaugeId: string,
): Promise<{ alertId: string; caseId: string; caseCode: string }> {
  const raised = await call(`${s.url}/ngsi-ld/v1/entityOperations/upsert`, {
    headers: ngsiHeaders('json'),
    raw: JSON.stringify([floodGauge(gaugeId, 1.9, new Date().toISOString())]),
  });
  expect(raised.status).toBe(201);
  await s.server.alerts.pipeline.drain();
  const page = await call(`${s.url}/api/alerts`, { headers: { authorization: s.device } });
  const alertId = (page.json as { alerts: { id: string }[] }).alerts[0]!.id;
  const escalated = await escalate(s, alertId);
  expect(escalated.status).toBe(200);
  return { alertId, ...(escalated.json as { caseId: string; caseCode: string }) };
}
