import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizenReport } from '../../src-server/cases/create-case';
import { loadServerResources } from '../../src-server/resources/load-resources';
import { describeOnEachDatabase, useDatabase } from './databases';
import { type RowCounts, rowCounts } from './row-counts';
import {
  APP_ROOT,
  get,
  postForm,
  postJson,
  type Reply,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from './server-harness';
import { child, parseXml } from './xml-lite';

const resources = loadServerResources(join(APP_ROOT, 'resources'));
const VALID = {
  api_key: TEST_API_KEY,
  service_code: 'drainage',
  lat: '10.2941',
  long: '105.7595',
  'attribute[do_sau_cm]': '30',
};

/** Every refusal is the spec's error array, with a 4xx status, never a 5xx. */
function expectRefused(r: Reply, status = 400): void {
  expect(r.status, r.text.slice(0, 300)).toBe(status);
  const errors = r.json as { code: number; description: string }[];
  expect(Array.isArray(errors)).toBe(true);
  for (const e of errors) expect(Object.keys(e)).toEqual(['code', 'description']);
}

async function postRaw(url: string, contentType: string, body: string | ArrayBuffer): Promise<Reply> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    text,
    json: text.startsWith('[') ? JSON.parse(text) : undefined,
  };
}

describeOnEachDatabase('Open311 under bad input', (dialect) => {
  const db = useDatabase(dialect);
  let t: TestServer;
  let before: RowCounts;
  const url = () => `${t.url}/open311/v2/requests.json`;

  beforeAll(async () => {
    t = await startTestServer(db());
    before = await rowCounts(t.server.database.db);
  });
  afterAll(() => t.stop());

  describe('malformed posts', () => {
    it('refuses wrong types in JSON bodies', async () => {
      expectRefused(await postJson(url(), { ...VALID, service_code: 12 }));
      expectRefused(await postJson(url(), { ...VALID, description: ['a', 'b'] }));
      expectRefused(await postJson(url(), { ...VALID, lat: 'abc' }));
      expectRefused(await postJson(url(), { ...VALID, lat: true }));
      expectRefused(await postJson(url(), { ...VALID, attribute: { do_sau_cm: { deep: 1 } } }));
      expectRefused(await postJson(url(), { ...VALID, api_key: 1234567890123456 }), 403);
      expectRefused(await postJson(url(), [VALID]));
      expectRefused(await postJson(url(), '"just a string"'));
      expectRefused(await postJson(url(), 'null'));
    });

    it('refuses bodies that are not JSON or form data at all', async () => {
      expectRefused(await postJson(url(), '{"service_code": "drainage"'));
      expectRefused(await postJson(url(), ''));
      expectRefused(await postRaw(url(), 'text/plain', 'service_code=drainage'));
      expectRefused(await postRaw(url(), 'multipart/form-data; boundary=x', '--x\r\n\r\n--x--'));
      expectRefused(await postRaw(url(), 'application/json', new Uint8Array([0xff, 0xfe, 0x00, 0x7b]).buffer));
    });

    it('answers 413 to a 10 MB description, as JSON or as a form, without reading it all into a case', async () => {
      const huge = 'Ngập '.repeat(2_000_000);
      expectRefused(await postForm(url(), { ...VALID, description: huge }), 413);
      expectRefused(await postJson(url(), { ...VALID, description: huge }), 413);
      const xml = await postRaw(
        `${t.url}/open311/v2/requests.xml`,
        'application/x-www-form-urlencoded',
        `description=${'a'.repeat(10_000_000)}`,
      );
      expect(xml.status).toBe(413);
      expect(child(child(parseXml(xml.text), 'error'), 'code').text).toBe('413');
    });

    it('counts 4,000 characters as the spec says, not bytes', async () => {
      const ok = await postForm(url(), { ...VALID, description: 'ệ'.repeat(4000) });
      expect(ok.status).toBe(201);
      expectRefused(await postForm(url(), { ...VALID, description: 'ệ'.repeat(4001) }));
    });

    it('refuses __proto__, constructor and prototype keys, and pollutes nothing', async () => {
      expectRefused(await postJson(url(), `{"service_code":"drainage","__proto__":{"polluted":"yes"}}`));
      expectRefused(
        await postJson(url(), `{"service_code":"drainage","constructor":{"prototype":{"polluted":"yes"}}}`),
      );
      expectRefused(await postJson(url(), { ...VALID, attribute: JSON.parse('{"__proto__": {"polluted": "yes"}}') }));
      expectRefused(
        await postForm(url(), [...Object.entries(VALID), ['__proto__[polluted]', 'yes'], ['__proto__', 'x']]),
      );
      expectRefused(await postForm(url(), [...Object.entries(VALID), ['attribute[__proto__]', 'yes']]));
      expectRefused(await postForm(url(), [...Object.entries(VALID), ['constructor', 'x']]));
      expect(Object.prototype).not.toHaveProperty('polluted');
    });

    it('refuses numbers above 2^53 and non-finite numbers', async () => {
      expectRefused(await postForm(url(), { ...VALID, 'attribute[do_sau_cm]': '9007199254740993' }));
      expectRefused(
        await postJson(
          url(),
          `{"api_key":"${TEST_API_KEY}","service_code":"drainage","lat":10,"long":105,"attribute":{"do_sau_cm":9007199254740993}}`,
        ),
      );
      expectRefused(
        await postJson(
          url(),
          `{"api_key":"${TEST_API_KEY}","service_code":"drainage","lat":10,"long":105,"attribute":{"do_sau_cm":1e300}}`,
        ),
      );
      expectRefused(await postForm(url(), { ...VALID, 'attribute[do_sau_cm]': 'Infinity' }));
      expectRefused(await postForm(url(), { ...VALID, 'attribute[do_sau_cm]': 'NaN' }));
      expectRefused(await postForm(url(), { ...VALID, 'attribute[do_sau_cm]': '1e3' }));
      expectRefused(await postForm(url(), { ...VALID, lat: '9007199254740993' }));
      const exact = await postForm(url(), { ...VALID, 'attribute[do_sau_cm]': '9007199254740991' });
      expect(exact.status).toBe(201);
    });

    it('refuses coordinates out of range or half given', async () => {
      for (const [lat, long] of [
        ['91', '105'],
        ['-90.0000001', '105'],
        ['10', '180.5'],
        ['10', '-181'],
        ['1,5', '105'],
        ['10', ''],
      ]) {
        expectRefused(await postForm(url(), { ...VALID, lat: lat!, long: long! }));
      }
      expectRefused(
        await postJson(url(), `{"api_key":"${TEST_API_KEY}","service_code":"drainage","lat":10,"long":1e309}`),
      );
      expect((await postForm(url(), { ...VALID, lat: '-90', long: '180' })).status).toBe(201);
    });

    it('refuses invalid dates in attributes', async () => {
      const waste = {
        api_key: TEST_API_KEY,
        service_code: 'waste',
        address_string: 'Chợ Sa Đéc',
        'attribute[loai]': 'tre_lich',
      };
      for (const bad of [
        '2026-02-30T07:00:00+07:00',
        'hôm qua',
        '2026-03-01T07:00:00',
        '2026-03-01T24:00:00Z',
        '2026-03-01T07:00:00+15:00',
      ]) {
        expectRefused(await postForm(url(), { ...waste, 'attribute[lan_cuoi_thu_gom]': bad }));
      }
      expect(
        (await postForm(url(), { ...waste, 'attribute[lan_cuoi_thu_gom]': '2026-03-01T07:30:00+07:00' })).status,
      ).toBe(201);
    });

    it('refuses control characters (PostgreSQL cannot store NUL), lone surrogates, repeats and floods of fields', async () => {
      expectRefused(await postForm(url(), { ...VALID, description: 'a\u0000b' }));
      expectRefused(await postForm(url(), { ...VALID, description: 'chuông\u0007' }));
      expectRefused(
        await postJson(
          url(),
          `{"api_key":"${TEST_API_KEY}","service_code":"drainage","lat":10,"long":105,"attribute":{"do_sau_cm":3},"description":"\\ud800"}`,
        ),
      );
      expectRefused(await postForm(url(), { ...VALID, address_string: 'dòng một\ndòng hai' }));
      expectRefused(await postForm(url(), [...Object.entries(VALID), ['service_code', 'water']]));
      expectRefused(
        await postForm(url(), [
          ...Object.entries(VALID),
          ...Array.from({ length: 200 }, (_, i): [string, string] => [`f${i}`, 'x']),
        ]),
      );
    });

    it('refuses media_url values that are not plain http(s) links', async () => {
      for (const bad of [
        'javascript:alert(1)',
        'file:///etc/passwd',
        'ftp://example.org/a.jpg',
        'https://user:pass@example.org/a.jpg',
        'không phải url',
      ]) {
        expectRefused(await postForm(url(), { ...VALID, media_url: bad }));
      }
    });

    it('refuses bad search arguments', async () => {
      const search = (q: string) => get(`${t.url}/open311/v2/requests.json?${q}`);
      for (const q of [
        'start_date=2026-02-30T00:00:00Z',
        'start_date=yesterday',
        'end_date=2026-03-01T00:00:00',
        'start_date=2026-03-01T00:00:00Z&start_date=2026-03-02T00:00:00Z',
        'status=OPEN',
        `service_request_id=${Array.from({ length: 1001 }, () => 'DT-AAAA-AA').join(',')}`,
      ]) {
        expectRefused(await search(q));
      }
      expectRefused(await get(`${t.url}/open311/v2/servicerequestupdates.json?end_date=2026-13-01T00:00:00Z`));
    });
  });

  describe('what gets through', () => {
    it('stores markup as text and escapes it on the way out', async () => {
      const nasty = `<script>alert("x")</script> & ]]> 'quote' <!-- -->`;
      const r = await postForm(url(), { ...VALID, description: nasty });
      const code = (r.json as { service_request_id: string }[])[0]!.service_request_id;
      const xml = await get(`${t.url}/open311/v2/requests/${code}.xml`);
      expect(xml.text).not.toContain('<script>');
      expect(child(child(parseXml(xml.text), 'request'), 'description').text).toBe(nasty);
      const json = await get(`${t.url}/open311/v2/requests/${code}.json`);
      expect((json.json as { description: string }[])[0]!.description).toBe(nasty);
    });
  });

  describe('the database afterwards', () => {
    it('holds exactly the accepted reports, each whole, and the server still answers', async () => {
      const after = await rowCounts(t.server.database.db);
      // Accepted above: 4,000 characters, 2^53−1, the corner coordinates, a valid date, the markup.
      const accepted = 5;
      expect(after.cases - before.cases).toBe(accepted);
      expect(after.case_events - before.case_events).toBe(accepted);
      expect(after.sync_changes - before.sync_changes).toBe(accepted);
      expect(after.last_seq - before.last_seq).toBe(accepted);
      expect((await get(`${t.url}/api/health`)).status).toBe(200);
    });

    it('rolls a failing report back completely, sync cursor included', async () => {
      const counts = await rowCounts(t.server.database.db);
      const service = resources.catalog.get('drainage')!;
      await expect(
        createCitizenReport(
          t.server.database.db,
          resources.calendar,
          {
            service,
            description: null,
            lat: 10,
            long: 105,
            addressString: null,
            addressId: null,
            mediaUrl: null,
            attributes: {},
            reporter: { firstName: 'A', lastName: null, email: null, phone: null, deviceId: null, accountId: null },
            // No such key: the foreign key fails after the cursor was taken and the case row written.
            apiKeyId: 'no-such-key',
            channel: 'open311',
          },
          new Date(),
        ),
      ).rejects.toThrow();
      expect(await rowCounts(t.server.database.db)).toEqual(counts);
    });

    it('survives random posts: every answer is 2xx or a 4xx in the spec’s shape, never a 5xx', async () => {
      const field = fc.constantFrom(
        'api_key',
        'service_code',
        'lat',
        'long',
        'address_string',
        'description',
        'email',
        'media_url',
        'attribute[do_sau_cm]',
        'attribute[tinh_trang]',
        'attribute[loai_o_nhiem][]',
        '__proto__',
        'x',
      );
      const value = fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom(TEST_API_KEY, 'drainage', 'lighting', '10.5', '-91', '9007199254740993', 'khong_sang', 'mui'),
      );
      const form = fc.array(fc.tuple(field, value), { maxLength: 12 });
      const json = fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 });
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            form.map((f) => ({ form: f })),
            json.map((j) => ({ json: j })),
          ),
          async (input) => {
            const r = 'form' in input ? await postForm(url(), input.form) : await postJson(url(), input.json);
            expect(r.status < 300 || (r.status >= 400 && r.status < 500)).toBe(true);
            if (r.status >= 400) expectRefused(r, r.status);
          },
        ),
        { numRuns: 150 },
      );
      expect((await get(`${t.url}/api/health`)).status).toBe(200);
    });
  });
});
