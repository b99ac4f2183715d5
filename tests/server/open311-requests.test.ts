import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transitionCase } from '../../src-server/cases/transition-case';
import { loadServerResources } from '../../src-server/resources/load-resources';
import { describeOnEachDatabase, useDatabase } from './databases';
import { expectSpecError, JSON_TYPE, REQUEST_FIELDS, W3C, XML_TYPE } from './open311-spec';
import { APP_ROOT, get, postForm, postJson, startTestServer, TEST_API_KEY, type TestServer } from './server-harness';
import { child, childNames, parseXml } from './xml-lite';

const calendar = loadServerResources(join(APP_ROOT, 'resources')).calendar;

describeOnEachDatabase('Open311 GeoReport v2 conformance: requests', (dialect) => {
  const db = useDatabase(dialect);
  let t: TestServer;
  const base = () => `${t.url}/open311/v2`;
  const lighting = (extra: Record<string, string> = {}) => ({
    api_key: TEST_API_KEY,
    service_code: 'lighting',
    lat: '10.4603',
    long: '105.6329',
    'attribute[tinh_trang]': 'khong_sang',
    description: 'Đèn đường trước số 12 Lý Thường Kiệt không sáng',
    ...extra,
  });
  async function caseIdOf(code: string): Promise<string> {
    const row = await t.server.database.db
      .selectFrom('cases')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  beforeAll(async () => {
    t = await startTestServer(db());
  });
  afterAll(() => t.stop());

  describe('POST Service Request', () => {
    it('creates a request from a form post like the spec’s example and returns its id', async () => {
      const r = await postForm(`${base()}/requests.json`, [
        ...Object.entries(lighting({ email: 'nguoidan@example.vn', first_name: 'Lan', phone: '0912 345 678' })),
        ['device_id', 'tt222111'],
        ['media_url', 'https://example.org/anh/den-hong.jpg'],
      ]);
      expect(r.status).toBeLessThan(300);
      expect(r.contentType).toBe(JSON_TYPE);
      const body = r.json as Record<string, unknown>[];
      expect(body).toHaveLength(1);
      expect(Object.keys(body[0]!).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
      expect(body[0]!.service_request_id).toMatch(/^DT-[A-Z2-9]{4}-[A-Z2-9]{2}$/);
      expect(body[0]!).not.toHaveProperty('token');
      expect(body[0]!.service_notice).toMatch(/5 ngày làm việc/);
    });

    it('answers in XML with <service_requests><request>', async () => {
      const r = await postForm(`${base()}/requests.xml`, lighting());
      expect(r.contentType).toBe(XML_TYPE);
      const root = parseXml(r.text);
      expect(root.name).toBe('service_requests');
      const request = child(root, 'request');
      expect(child(request, 'service_request_id').text).toMatch(/^DT-/);
      expect(child(request, 'account_id').text).toBe('');
    });

    it('takes multivaluelist answers as attribute[code][]=… and a JSON body as well', async () => {
      const form = await postForm(`${base()}/requests.json`, [
        ['api_key', TEST_API_KEY],
        ['service_code', 'sanitation'],
        ['address_string', 'Chợ Cao Lãnh, phường Cao Lãnh, Đồng Tháp'],
        ['attribute[loai_o_nhiem][]', 'mui'],
        ['attribute[loai_o_nhiem][]', 'nuoc_thai'],
      ]);
      expect(form.status).toBeLessThan(300);
      const json = await postJson(`${base()}/requests.json`, {
        api_key: TEST_API_KEY,
        service_code: 'drainage',
        lat: 10.2941,
        long: 105.7595,
        attribute: { do_sau_cm: 35, nap_cong: 'co' },
        description: 'Ngập sâu sau mưa',
      });
      expect(json.status).toBeLessThan(300);
      const code = (json.json as { service_request_id: string }[])[0]!.service_request_id;
      const row = await t.server.database.db
        .selectFrom('cases')
        .selectAll()
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(row.attributes)).toEqual({ do_sau_cm: 35, nap_cong: 'co' });
      const formCode = (form.json as { service_request_id: string }[])[0]!.service_request_id;
      const formRow = await t.server.database.db
        .selectFrom('cases')
        .selectAll()
        .where('code', '=', formCode)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(formRow.attributes)).toEqual({ loai_o_nhiem: ['mui', 'nuoc_thai'] });
    });

    it('accepts address_id alone as the location', async () => {
      const r = await postForm(`${base()}/requests.json`, {
        api_key: TEST_API_KEY,
        service_code: 'wifi',
        address_id: 'DT-CL-0001',
      });
      expect(r.status).toBeLessThan(300);
    });

    it('answers 403 for a missing or wrong api_key, in JSON and XML', async () => {
      const { api_key: _, ...noKey } = lighting();
      expectSpecError(await postForm(`${base()}/requests.json`, noKey), 403);
      expectSpecError(
        await postForm(`${base()}/requests.json`, lighting({ api_key: 'khong-phai-khoa-that-0000' })),
        403,
      );
      const xml = await postForm(`${base()}/requests.xml`, noKey);
      expect(xml.status).toBe(403);
      expect(child(child(parseXml(xml.text), 'error'), 'code').text).toBe('403');
    });

    it('answers 400 without a service_code and 404 for an unknown one', async () => {
      const { service_code: _, ...noService } = lighting();
      expectSpecError(await postForm(`${base()}/requests.json`, noService), 400);
      expectSpecError(await postForm(`${base()}/requests.json`, lighting({ service_code: 'potholes' })), 404);
    });

    it('requires a location: lat & long, address_string or address_id', async () => {
      const { lat: _a, long: _b, ...noLocation } = lighting();
      expect(expectSpecError(await postForm(`${base()}/requests.json`, noLocation), 400)).toMatch(/lat và long/);
      const { long: _c, ...latOnly } = lighting();
      expectSpecError(await postForm(`${base()}/requests.json`, latOnly), 400);
    });

    it('validates attribute[code] against the service definition and reports every problem', async () => {
      const { 'attribute[tinh_trang]': _, ...missing } = lighting();
      expect(expectSpecError(await postForm(`${base()}/requests.json`, missing), 400)).toMatch(/tinh_trang/);
      const wrong = await postForm(`${base()}/requests.json`, {
        ...lighting({ 'attribute[tinh_trang]': 'chay_no' }),
        'attribute[khong_co]': 'x',
        email: 'not-an-email',
      });
      expectSpecError(wrong, 400);
      expect((wrong.json as unknown[]).length).toBe(3);
      const informational = postForm(`${base()}/requests.json`, {
        api_key: TEST_API_KEY,
        service_code: 'security',
        address_string: 'Công viên Văn Miếu',
        'attribute[loai_vu_viec]': 'gay_roi',
        'attribute[dang_dien_ra]': 'co',
        'attribute[goi_113]': 'x',
      });
      expectSpecError(await informational, 400);
    });

    it('describes errors in English when the client asks for it', async () => {
      const r = await fetch(`${base()}/services/potholes.json`, { headers: { 'accept-language': 'en-US,en;q=0.8' } });
      expect(((await r.json()) as { description: string }[])[0]!.description).toBe(
        'service_code "potholes" was not found.',
      );
    });
  });

  describe('GET Service Request(s)', () => {
    let code: string;
    beforeAll(async () => {
      const r = await postForm(
        `${base()}/requests.json`,
        lighting({
          email: 'bi-mat@example.vn',
          phone: '0987654321',
          first_name: 'Bí',
          last_name: 'Mật',
          device_id: 'thiet-bi-bi-mat',
        }),
      );
      code = (r.json as { service_request_id: string }[])[0]!.service_request_id;
    });

    it('returns one request with every spec field, dates in W3C format with a zone', async () => {
      const r = await get(`${base()}/requests/${code}.json`);
      expect(r.status).toBe(200);
      const [request, ...rest] = r.json as Record<string, unknown>[];
      expect(rest).toHaveLength(0);
      expect(Object.keys(request!)).toEqual(REQUEST_FIELDS);
      expect(request).toMatchObject({
        service_request_id: code,
        status: 'open',
        service_code: 'lighting',
        service_name: 'Chiếu sáng công cộng',
        lat: 10.4603,
        long: 105.6329,
        agency_responsible: null,
      });
      for (const f of ['requested_datetime', 'updated_datetime', 'expected_datetime']) expect(request![f]).toMatch(W3C);
      expect(Date.parse(request!.expected_datetime as string)).toBeGreaterThan(
        Date.parse(request!.requested_datetime as string),
      );
    });

    it('never shows the reporter’s identity', async () => {
      for (const url of [
        `${base()}/requests/${code}.json`,
        `${base()}/requests/${code}.xml`,
        `${base()}/requests.json`,
      ]) {
        const text = (await get(url)).text;
        for (const secret of ['bi-mat@example.vn', '0987654321', 'Bí', 'thiet-bi-bi-mat'])
          expect(text).not.toContain(secret);
      }
    });

    it('returns the same request as XML', async () => {
      const root = parseXml((await get(`${base()}/requests/${code}.xml`)).text);
      expect(root.name).toBe('service_requests');
      const request = child(root, 'request');
      expect(childNames(request)).toEqual(REQUEST_FIELDS);
      expect(child(request, 'status').text).toBe('open');
      expect(child(request, 'requested_datetime').text).toMatch(W3C);
    });

    it('finds a code however it is typed, and answers 404 for an unknown one', async () => {
      expect((await get(`${base()}/requests/${code.toLowerCase().replace(/-/g, '')}.json`)).status).toBe(200);
      expectSpecError(await get(`${base()}/requests/DT-AAAA-AA.json`), 404);
      expectSpecError(await get(`${base()}/requests/123.json`), 404);
    });

    it('lists several by service_request_id, which overrides every other argument', async () => {
      const other = (await postForm(`${base()}/requests.json`, lighting())).json as { service_request_id: string }[];
      const ids = `${code},${other[0]!.service_request_id}`;
      const r = await get(`${base()}/requests.json?service_request_id=${ids}&status=closed&service_code=water`);
      expect((r.json as { service_request_id: string }[]).map((x) => x.service_request_id).sort()).toEqual(
        ids.split(',').sort(),
      );
    });

    it('filters by service_code and by status, comma delimited or repeated', async () => {
      const water = await postForm(`${base()}/requests.json`, {
        api_key: TEST_API_KEY,
        service_code: 'water',
        address_string: 'Đường 30/4, phường Cao Lãnh',
        'attribute[su_co]': 'mat_nuoc',
      });
      const waterCode = (water.json as { service_request_id: string }[])[0]!.service_request_id;
      const rejected = await transitionCase(t.server.database.db, calendar, {
        caseId: await caseIdOf(waterCode),
        action: { type: 'reject', reason: 'Khu vực đã có lịch cắt nước thông báo trước' },
        acting: { actor: 'operator' },
        actorId: null,
        now: t.clock.now,
      });
      expect(rejected.ok).toBe(true);
      const onlyWater = (await get(`${base()}/requests.json?service_code=water`)).json as Record<string, unknown>[];
      expect(onlyWater.map((r) => r.service_request_id)).toEqual([waterCode]);
      expect(onlyWater[0]).toMatchObject({
        status: 'closed',
        status_notes: 'Khu vực đã có lịch cắt nước thông báo trước',
      });
      const open = (await get(`${base()}/requests.json?status=open`)).json as Record<string, unknown>[];
      expect(open.every((r) => r.status === 'open') && open.length > 0).toBe(true);
      const both = (await get(`${base()}/requests.json?status=open&status=closed`)).json as unknown[];
      expect(both.length).toBe(open.length + 1);
      expect((await get(`${base()}/requests.json?service_code=water,wifi`)).json).toHaveLength(2);
      expectSpecError(await get(`${base()}/requests.json?status=pending`), 400);
    });

    it('searches requested_datetime by start_date/end_date, defaulting to the last 90 days', async () => {
      const realNow = t.clock.now;
      t.clock.now = new Date(realNow.getTime() - 120 * 86_400_000);
      const old = await postForm(`${base()}/requests.json`, lighting());
      t.clock.now = realNow;
      const oldCode = (old.json as { service_request_id: string }[])[0]!.service_request_id;
      const codes = (r: { json: unknown }) =>
        (r.json as { service_request_id: string }[]).map((x) => x.service_request_id);
      expect(codes(await get(`${base()}/requests.json`))).not.toContain(oldCode);
      const day = (offset: number) => new Date(realNow.getTime() + offset * 86_400_000).toISOString();
      const window = await get(`${base()}/requests.json?start_date=${day(-125)}&end_date=${day(-110)}`);
      expect(codes(window)).toEqual([oldCode]);
      const startOnly = await get(`${base()}/requests.json?start_date=${day(-121)}`);
      expect(codes(startOnly)).toEqual([oldCode]);
      expectSpecError(await get(`${base()}/requests.json?start_date=${day(-100)}&end_date=${day(0)}`), 400);
      expectSpecError(await get(`${base()}/requests.json?start_date=${day(-1)}&end_date=${day(-2)}`), 400);
    });
  });

  describe('servicerequestupdates (mySociety extension)', () => {
    it('publishes each lifecycle step with the detailed state beside the extended status', async () => {
      const posted = await postForm(`${base()}/requests.json`, lighting());
      const code = (posted.json as { service_request_id: string }[])[0]!.service_request_id;
      const caseId = await caseIdOf(code);
      const step = async (action: Parameters<typeof transitionCase>[2]['action'], actor: 'operator' | 'agency') => {
        const r = await transitionCase(t.server.database.db, calendar, {
          caseId,
          action,
          acting: { actor, agencyId: 'moi-truong-do-thi' },
          actorId: null,
          now: t.clock.now,
        });
        expect(r.ok).toBe(true);
      };
      await step({ type: 'triage', note: 'nội bộ: không công khai' }, 'operator');
      await step(
        { type: 'forward', agencyId: 'moi-truong-do-thi', publicNote: 'Đã chuyển đơn vị chiếu sáng' },
        'operator',
      );
      const start = new Date(t.clock.now.getTime() - 3_600_000).toISOString();
      const r = await get(`${base()}/servicerequestupdates.json?start_date=${start}`);
      expect(r.status).toBe(200);
      const mine = (r.json as Record<string, unknown>[]).filter((u) => u.service_request_id === code);
      expect(mine.map((u) => [u.status, u.external_status_code])).toEqual([
        ['for_triage', 'received'],
        ['open', 'triaged'],
        ['investigating', 'forwarded'],
      ]);
      for (const u of mine) {
        expect(Object.keys(u).sort()).toEqual(
          [
            'description',
            'external_status_code',
            'media_url',
            'service_request_id',
            'status',
            'update_id',
            'updated_datetime',
          ].sort(),
        );
        expect(u.updated_datetime).toMatch(W3C);
      }
      // The step in words, naming the agency, then the public note (never the internal one).
      expect(mine[2]!.description).toBe(
        'Đã chuyển đến Đơn vị dịch vụ môi trường và hạ tầng đô thị để xử lý. Đã chuyển đơn vị chiếu sáng',
      );
      expect(JSON.stringify(mine)).not.toContain('nội bộ');
      const request = ((await get(`${base()}/requests/${code}.json`)).json as Record<string, unknown>[])[0];
      expect(request).toMatchObject({
        agency_responsible: 'Đơn vị dịch vụ môi trường và hạ tầng đô thị',
        status: 'open',
      });

      const xml = parseXml((await get(`${base()}/servicerequestupdates.xml?start_date=${start}`)).text);
      expect(xml.name).toBe('service_request_updates');
      expect(new Set(xml.children.map((c) => c.name))).toEqual(new Set(['request_update']));
    });
  });
});
