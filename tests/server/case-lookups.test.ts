// A workstation's online look-ups on a real central server: the agency directory (cached for offline use), the
// audited reveal of a reporter's identity, and the public servicerequestupdates descriptions of each step.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CommandError } from '../../src-shared/contract';
import { withCaseTables } from '../../src-server/cases/tables';
import {
  eventually,
  fileReport,
  openWorkstation,
  OPERATOR,
  startSyncServer,
  type SyncTestServer,
  type TestWorkstation,
} from '../sync/harness';
import { describeOnEachDatabase, useDatabase } from './databases';
import { TEST_API_KEY } from './server-harness';

const POLICE = { userId: 'u-police', username: 'police', roles: ['police' as const] };
const TECHNICIAN = { userId: 'u-tech', username: 'technician', roles: ['technician' as const] };
const SA_DEC_OPERATOR = { ...OPERATOR, sites: ['sa-dec'] };

/** A report through Open311, as the citizen app sends it: the server gives it the site whose area holds it. */
async function postReport(url: string, description: string, lat: number | null, long: number | null) {
  const body = new URLSearchParams({ api_key: TEST_API_KEY, service_code: 'lighting', description });
  body.set('attribute[tinh_trang]', 'khong_sang');
  if (lat !== null && long !== null) {
    body.set('lat', String(lat));
    body.set('long', String(long));
  } else body.set('address_string', 'Không rõ vị trí');
  const res = await fetch(`${url}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { service_request_id: string }[])[0]!.service_request_id;
}

describeOnEachDatabase('case look-ups from a workstation', (dialect) => {
  const db = useDatabase(dialect);
  let t: SyncTestServer;
  let w: TestWorkstation;
  let caseId: string;
  let code: string;

  beforeAll(async () => {
    t = await startSyncServer(db());
    ({ id: caseId, code } = await fileReport(t.server, 'Đèn đường tắt trước trường học', t.clock.now));
    w = openWorkstation(t.url);
    w.sync.start();
    await eventually(() => w.cases.list({ limit: 100, offset: 0 }).items.some((c) => c.id === caseId));
  });
  afterAll(async () => {
    await w?.close();
    await t?.stop();
  }, 120_000);

  it('fetches the agency directory with names and keeps a copy', async () => {
    const directory = await w.cases.agencies();
    expect(directory.fetchedAt).not.toBeNull();
    expect(directory.items).toContainEqual({
      id: 'moi-truong-do-thi',
      name: 'Đơn vị dịch vụ môi trường và hạ tầng đô thị',
      shortName: 'Môi trường đô thị',
      kind: 'utility',
    });
    const stored = w.store.sqlite.prepare('SELECT count(*) FROM agency_directory').pluck().get();
    expect(stored).toBe(directory.items.length);
  });

  it('reveals the reporter to a permitted role, recording who, when, which case and from which workstation', async () => {
    const before = await withCaseTables(t.server.database.db).selectFrom('reporter_reveals').selectAll().execute();
    const revealed = await w.cases.revealReporter(caseId, POLICE);
    expect(revealed.reporter).toEqual({ name: 'Nguyễn Lan', phone: '0912345678', email: 'lan@example.vn' });
    const rows = await withCaseTables(t.server.database.db).selectFrom('reporter_reveals').selectAll().execute();
    expect(rows).toHaveLength(before.length + 1);
    expect(rows.at(-1)).toMatchObject({ case_id: caseId, username: 'police', at: revealed.revealedAt });
    expect(rows.at(-1)?.device_id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    // The workstation's own audit trail has it too; the mirror still holds only the masked identity.
    const audit = await w.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'case.revealReporter')
      .execute();
    expect(audit.map((a) => a.subject)).toContain(caseId);
    expect(JSON.stringify(w.store.sqlite.prepare('SELECT * FROM case_mirror').all())).not.toContain('0912345678');
  });

  it('refuses roles without identity.reveal on the server’s own record, and audits the refusal', async () => {
    // The server decides by its users table: an operator or a technician claiming the reveal gets nothing.
    for (const who of [OPERATOR, TECHNICIAN]) {
      const refused = await w.cases.revealReporter(caseId, who).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(CommandError);
      expect((refused as CommandError).code).toBe('forbidden');
    }
    const rows = await withCaseTables(t.server.database.db).selectFrom('reporter_reveals').select('username').execute();
    expect(rows.map((r) => r.username)).not.toContain('operator');
    const refusals = await w.store.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'case.revealReporter')
      .execute();
    expect(refusals.filter((r) => r.detail.includes('forbidden'))).toHaveLength(2);
  });

  it('refuses an unknown case and a device that is not enrolled', async () => {
    const unknown = await w.cases.revealReporter('no-such-case', POLICE).catch((e: unknown) => e);
    expect((unknown as CommandError).code).toBe('not_found');
    const res = await fetch(`${t.url}/api/cases/reveal-reporter`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${'a'.repeat(16)}.${'b'.repeat(40)}` },
      body: JSON.stringify({ caseId, actorUsername: 'police' }),
    });
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('0912345678');
  });

  it('publishes each step with a description that names the agency and never an internal note', async () => {
    w.cases.transition({ caseId, to: 'triaged', note: 'ghi chú nội bộ bí mật' }, OPERATOR);
    w.cases.transition({ caseId, to: 'forwarded', agencyId: 'moi-truong-do-thi' }, OPERATOR);
    w.cases.comment({ caseId, text: 'đã gọi cho tổ trực đêm' }, OPERATOR);
    w.cases.assign({ caseId, assignee: 'operator' }, OPERATOR);
    await eventually(() => w.sync.status().pending === 0, 10_000, 'outbox drained');
    const read = async (language: string) => {
      const res = await fetch(`${t.url}/open311/v2/servicerequestupdates.json`, {
        headers: { 'accept-language': language },
      });
      const all = (await res.json()) as {
        service_request_id: string;
        description: string;
        external_status_code: string;
      }[];
      return all.filter((u) => u.service_request_id === code);
    };
    const vi = await read('vi');
    expect(vi.map((u) => u.description)).toEqual([
      'Trung tâm đã tiếp nhận phản ánh.',
      'Trung tâm đã xem xét và phân loại phản ánh.',
      'Đã chuyển đến Đơn vị dịch vụ môi trường và hạ tầng đô thị để xử lý.',
      'Trung tâm đã bổ sung ghi chú xử lý nội bộ.',
      'Trung tâm đã phân công cán bộ theo dõi phản ánh.',
    ]);
    expect(vi.map((u) => u.external_status_code)).toEqual([
      'received',
      'triaged',
      'forwarded',
      'forwarded',
      'forwarded',
    ]);
    const en = await read('en');
    expect(en[2]?.description).toBe('Forwarded to Đơn vị dịch vụ môi trường và hạ tầng đô thị for handling.');
    expect(JSON.stringify([...vi, ...en])).not.toMatch(/bí mật|tổ trực đêm|"operator"/);
  });

  it('gives located reports the site whose area holds them, and an operator of one site sees only its cases', async () => {
    const caoLanh = await postReport(t.url, 'Đèn tắt gần chợ Cao Lãnh', 10.4603, 105.6329);
    const saDec = await postReport(t.url, 'Đèn tắt đường Hùng Vương, Sa Đéc', 10.2936, 105.7656);
    const nowhere = await postReport(t.url, 'Đèn tắt, không rõ chỗ', null, null);
    const sites = await t.server.database.db.selectFrom('cases').select(['code', 'site_id']).execute();
    const siteOf = new Map(sites.map((r) => [r.code, r.site_id]));
    expect([siteOf.get(caoLanh), siteOf.get(saDec), siteOf.get(nowhere)]).toEqual(['cao-lanh', 'sa-dec', null]);

    const codes = (actor?: typeof SA_DEC_OPERATOR) =>
      w.cases.list({ limit: 100, offset: 0 }, actor).items.map((c) => c.code);
    await eventually(() => [caoLanh, saDec, nowhere].every((c) => codes().includes(c)), 10_000, 'mirrored');
    expect(codes(SA_DEC_OPERATOR)).toEqual(expect.arrayContaining([saDec, nowhere]));
    expect(codes(SA_DEC_OPERATOR)).not.toContain(caoLanh);
    const listed = w.cases.list({ limit: 100, offset: 0, siteId: 'cao-lanh' }, { ...OPERATOR, sites: ['*'] });
    expect(listed.items.map((c) => c.code)).toEqual([caoLanh]);
    expect(listed.items[0]?.siteId).toBe('cao-lanh');

    const other = w.cases.list({ limit: 100, offset: 0 }).items.find((c) => c.code === caoLanh)!;
    expect(() => w.cases.get(other.id, SA_DEC_OPERATOR)).toThrow(/no case/);
    expect(() => w.cases.comment({ caseId: other.id, text: 'không phải của tôi' }, SA_DEC_OPERATOR)).toThrow(/no case/);
    const refused = await w.cases.revealReporter(other.id, { ...POLICE, sites: ['sa-dec'] }).catch((e: unknown) => e);
    expect((refused as CommandError).code).toBe('not_found');
    expect(w.cases.get(other.id, { ...OPERATOR, sites: ['cao-lanh'] }).siteId).toBe('cao-lanh');
  });
});
