import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase, useDatabase } from './databases';
import { get, startTestServer, type TestServer } from './server-harness';

const MANY = 1005;

describeOnEachDatabase('Open311 response volume', (dialect) => {
  const db = useDatabase(dialect);
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(db());
    // Written straight into the tables: 1,005 HTTP posts would test the fsync rate, not the limit.
    const now = Date.now();
    const rows = Array.from({ length: MANY }, (_, i) => {
      const at = new Date(now - (i + 1) * 60_000).toISOString();
      const id = `bulk-${String(i).padStart(5, '0')}`;
      return {
        id,
        code: `DT-B${String(i).padStart(4, '0')}`,
        kind: 'citizen_report',
        channel: 'open311',
        service_code: 'waste',
        service_name: 'Thu gom rác thải',
        description: null,
        lat: null,
        long: null,
        address_string: 'Chợ Cao Lãnh',
        address_id: null,
        zipcode: null,
        media_url: null,
        attributes: '{}',
        status_notes: null,
        agency_id: null,
        duplicate_of: null,
        pending_extension_days: null,
        extension_count: 0,
        reopen_count: 0,
        public_result: null,
        rejection_reason: null,
        resolved_at: null,
        closed_at: null,
        api_key_id: null,
        state: 'received',
        status: 'open',
        sla_working_days: 3,
        received_at: at,
        due_at: new Date(now + 7 * 86_400_000).toISOString(),
        updated_at: at,
        version: 1,
        change_seq: i + 1,
      };
    });
    for (let i = 0; i < rows.length; i += 200) {
      const chunk = rows.slice(i, i + 200);
      await t.server.database.db.insertInto('cases').values(chunk).execute();
      await t.server.database.db
        .insertInto('case_events')
        .values(
          chunk.map((r) => ({
            case_id: r.id,
            at: r.received_at,
            actor: 'citizen',
            actor_id: null,
            action: 'receive',
            from_state: null,
            to_state: 'received',
            public_note: null,
            internal_note: null,
            data: '{}',
            change_seq: r.change_seq,
          })),
        )
        .execute();
    }
  });
  afterAll(() => t.stop());

  it('returns at most 1,000 requests, the most recent first', async () => {
    const r = await get(`${t.url}/open311/v2/requests.json`);
    const list = r.json as { service_request_id: string; requested_datetime: string }[];
    expect(list).toHaveLength(1000);
    expect(list[0]!.service_request_id).toBe('DT-B0000');
    const times = list.map((x) => Date.parse(x.requested_datetime));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('returns at most 1,000 updates, the oldest first, and the same in XML', async () => {
    const r = await get(`${t.url}/open311/v2/servicerequestupdates.json`);
    const list = r.json as { service_request_id: string }[];
    expect(list).toHaveLength(1000);
    expect(list[0]!.service_request_id).toBe(`DT-B${MANY - 1}`);
    const xml = await get(`${t.url}/open311/v2/servicerequestupdates.xml`);
    expect(xml.text.match(/<request_update>/g)).toHaveLength(1000);
  });
});
