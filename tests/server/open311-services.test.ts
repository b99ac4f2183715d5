import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase, useDatabase } from './databases';
import {
  ATTRIBUTE_FIELDS,
  DATATYPES,
  DUTIES,
  expectSpecError,
  JSON_TYPE,
  SERVICE_FIELDS,
  XML_TYPE,
} from './open311-spec';
import { get, startTestServer, type TestServer } from './server-harness';
import { child, childNames, parseXml } from './xml-lite';

describeOnEachDatabase('Open311 GeoReport v2 conformance: services', (dialect) => {
  const db = useDatabase(dialect);
  let t: TestServer;
  const base = () => `${t.url}/open311/v2`;

  beforeAll(async () => {
    t = await startTestServer(db());
  });
  afterAll(() => t.stop());

  describe('GET Service List', () => {
    it('lists the centre’s duties in JSON with exactly the spec’s fields', async () => {
      const r = await get(`${base()}/services.json`);
      expect(r.status).toBe(200);
      expect(r.contentType).toBe(JSON_TYPE);
      const services = r.json as Record<string, unknown>[];
      expect(services.map((s) => s.service_code)).toEqual(DUTIES);
      for (const s of services) {
        expect(Object.keys(s)).toEqual(SERVICE_FIELDS);
        expect(typeof s.metadata).toBe('boolean');
        expect(['realtime', 'batch', 'blackbox']).toContain(s.type);
        expect(typeof s.service_name === 'string' && s.service_name.length > 0).toBe(true);
      }
      expect(services.find((s) => s.service_code === 'drainage')?.service_name).toBe('Thoát nước, ngập úng');
    });

    it('gives the same list as XML, root <services> of <service>', async () => {
      const [json, xml] = await Promise.all([get(`${base()}/services.json`), get(`${base()}/services.xml`)]);
      expect(xml.contentType).toBe(XML_TYPE);
      const root = parseXml(xml.text);
      expect(root.name).toBe('services');
      expect(root.children.map((c) => c.name)).toEqual(DUTIES.map(() => 'service'));
      const services = json.json as Record<string, unknown>[];
      root.children.forEach((service, i) => {
        expect(childNames(service)).toEqual(SERVICE_FIELDS);
        for (const field of SERVICE_FIELDS) expect(child(service, field).text).toBe(String(services[i]![field]));
      });
    });

    it('accepts its own jurisdiction_id and answers 404 for another', async () => {
      expect((await get(`${base()}/services.json?jurisdiction_id=dongthap.gov.vn`)).status).toBe(200);
      expectSpecError(await get(`${base()}/services.json?jurisdiction_id=sfgov.org`), 404);
    });
  });

  describe('GET Service Definition', () => {
    it('defines attributes with the spec’s fields, datatypes and values', async () => {
      for (const code of DUTIES) {
        const r = await get(`${base()}/services/${code}.json`);
        expect(r.status).toBe(200);
        const def = r.json as { service_code: string; attributes: Record<string, unknown>[] };
        expect(Object.keys(def)).toEqual(['service_code', 'attributes']);
        expect(def.service_code).toBe(code);
        const orders = def.attributes.map((a) => a.order as number);
        expect(new Set(orders).size).toBe(orders.length);
        for (const a of def.attributes) {
          expect(Object.keys(a)).toEqual(ATTRIBUTE_FIELDS);
          expect(DATATYPES).toContain(a.datatype);
          expect(Number.isInteger(a.order) && (a.order as number) > 0).toBe(true);
          const values = a.values as { key: string; name: string }[];
          expect(values.length > 0).toBe(a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist');
          for (const v of values) expect(Object.keys(v)).toEqual(['key', 'name']);
        }
      }
    });

    it('writes the definition as <service_definition> with nested <attributes> and <values>', async () => {
      const root = parseXml((await get(`${base()}/services/sanitation.xml`)).text);
      expect(root.name).toBe('service_definition');
      expect(child(root, 'service_code').text).toBe('sanitation');
      const attribute = child(child(root, 'attributes'), 'attribute');
      expect(childNames(attribute)).toEqual(ATTRIBUTE_FIELDS);
      expect(child(attribute, 'datatype').text).toBe('multivaluelist');
      const values = child(attribute, 'values').children;
      expect(values.map((v) => childNames(v))).toContainEqual(['key', 'name']);
      expect(child(values[0]!, 'name').text).toBe('Mùi hôi');
    });

    it('answers 404 in the spec’s error shape for an unknown service_code, in JSON and XML', async () => {
      expectSpecError(await get(`${base()}/services/potholes.json`), 404);
      const xml = await get(`${base()}/services/potholes.xml`);
      expect(xml.status).toBe(404);
      const root = parseXml(xml.text);
      expect(root.name).toBe('errors');
      const error = child(root, 'error');
      expect(childNames(error)).toEqual(['code', 'description']);
      expect(child(error, 'code').text).toBe('404');
    });
  });

  describe('the rest of the surface', () => {
    it('serves Service Discovery', async () => {
      const r = await get(`${base()}/discovery.json`);
      expect(r.json).toMatchObject({
        endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production' }],
      });
      expect(parseXml((await get(`${base()}/discovery.xml`)).text).name).toBe('discovery');
    });

    it('answers unknown resources with 404 and wrong methods with 400, in the spec’s shape', async () => {
      expectSpecError(await get(`${base()}/potholes.json`), 404);
      expectSpecError(await get(`${base()}/services`), 404);
      expect(parseXml((await get(`${base()}/nothing.xml`)).text).name).toBe('errors');
      const del = await fetch(`${base()}/requests.json`, { method: 'DELETE' });
      expect(del.status).toBe(400);
      expect(del.headers.get('allow')).toBe('GET, POST');
    });

    it('answers health', async () => {
      expect((await get(`${t.url}/api/health`)).json).toEqual({
        ok: true,
        version: expect.any(String),
        database: dialect,
      });
    });
  });
});
