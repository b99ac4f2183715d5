import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertPageSchema } from '../../src-shared/contract/alerts';
import { ERROR_TOPIC } from '../../src-server/ingest/mqtt-adapter';
import { type AlertsServer, call, floodGauge, INGEST_KEY, LD_CONTEXT, ngsiHeaders, startAlertsServer } from './harness';
import { MOSQUITTO_PROBLEM, MOSQUITTO_REQUIRED, MOSQUITTO_URL } from './mqtt-services';

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);
const at = () => new Date().toISOString();

/** Every kind of malformed NGSI-LD the issue names, with the rejection reason it must be counted under. */
function malformed(seq: number): { name: string; body: string; reason: string; detail: RegExp }[] {
  const gauge = floodGauge(`bad-${seq}`, 1.9, at());
  return [
    { name: 'not JSON', body: '{"id": "urn:ngsi-ld:x", ', reason: 'invalid_json', detail: /JSON/ },
    {
      name: 'bad JSON-LD @context',
      body: JSON.stringify({ '@context': 42, ...gauge }),
      reason: 'bad_jsonld',
      detail: /@context/,
    },
    {
      name: 'bad JSON-LD term',
      body: JSON.stringify({ '@context': [{ FloodMonitoring: 12 }], ...gauge }),
      reason: 'bad_jsonld',
      detail: /FloodMonitoring/,
    },
    {
      name: 'missing id',
      body: JSON.stringify({ '@context': LD_CONTEXT, ...gauge, id: undefined }),
      reason: 'missing_id',
      detail: /id/,
    },
    {
      name: 'missing type',
      body: JSON.stringify({ '@context': LD_CONTEXT, ...gauge, type: undefined }),
      reason: 'missing_type',
      detail: /type/,
    },
    {
      name: 'wrong units',
      body: JSON.stringify({
        '@context': LD_CONTEXT,
        ...gauge,
        currentLevel: { type: 'Property', value: 31, unitCode: 'CEL' },
      }),
      reason: 'wrong_unit',
      detail: /CEL/,
    },
    {
      name: 'unknown type',
      body: JSON.stringify({ '@context': LD_CONTEXT, id: 'urn:ngsi-ld:Spaceship:1', type: 'Spaceship', speed: 9 }),
      reason: 'unknown_type',
      detail: /Spaceship/,
    },
    {
      name: '10 MB payload',
      body: JSON.stringify({ '@context': LD_CONTEXT, ...gauge, note: { type: 'Property', value: TEN_MB } }),
      reason: 'too_large',
      detail: /limited/,
    },
  ];
}

function metric(text: string, adapter: string, reason: string): number {
  const m = new RegExp(`ioc_ingest_rejected_total\\{adapter="${adapter}",reason="${reason}"\\} (\\d+)`).exec(text);
  return m ? Number(m[1]) : 0;
}

async function metrics(s: AlertsServer): Promise<string> {
  return (await call(`${s.url}/api/ingest/metrics`)).text;
}

async function activeSources(s: AlertsServer): Promise<string[]> {
  const page = AlertPageSchema.parse(
    (await call(`${s.url}/api/alerts?since=0`, { headers: { authorization: s.device } })).json,
  );
  return page.alerts.filter((a) => a.state === 'active').map((a) => a.sourceId);
}

describe('malformed NGSI-LD over HTTP', () => {
  let s: AlertsServer;
  beforeAll(async () => {
    s = await startAlertsServer('sqlite');
  });
  afterAll(async () => s?.stop());

  it('refuses each with a ProblemDetails naming the fault, counts it, and loses none of the good ones between', async () => {
    const cases = malformed(1);
    for (const [i, c] of cases.entries()) {
      const r = await call(`${s.url}/ngsi-ld/v1/entities`, { headers: ngsiHeaders(), raw: c.body });
      expect(r.status, c.name).toBe(c.reason === 'too_large' ? 413 : 400);
      expect(r.headers.get('content-type'), c.name).toContain('application/problem+json');
      const problem = r.json as { type: string; title: string; detail: string };
      expect(problem.type, c.name).toMatch(/^https:\/\/uri\.etsi\.org\/ngsi-ld\/errors\//);
      expect(problem.detail, c.name).toMatch(c.detail);
      // A good reading right after each bad one must get through.
      const good = await call(`${s.url}/ngsi-ld/v1/entityOperations/upsert`, {
        headers: ngsiHeaders(),
        raw: JSON.stringify([{ '@context': LD_CONTEXT, ...floodGauge(`good-${i}`, 1.8, at()) }]),
      });
      expect(good.status, `good after ${c.name}`).toBe(201);
    }
    await s.server.alerts.pipeline.drain();
    const text = await metrics(s);
    for (const reason of new Set(cases.map((c) => c.reason))) {
      expect(metric(text, 'ngsi-ld-http', reason), reason).toBe(cases.filter((c) => c.reason === reason).length);
    }
    const sources = await activeSources(s);
    for (let i = 0; i < cases.length; i++) expect(sources).toContain(`urn:ngsi-ld:FloodMonitoring:good-${i}`);
  });

  it('refuses @context in application/json, a missing one in ld+json, a bad key and an unknown content type', async () => {
    const gauge = floodGauge('ct-1', 1.0, at());
    const jsonWithContext = await call(`${s.url}/ngsi-ld/v1/entities`, {
      headers: ngsiHeaders('json'),
      raw: JSON.stringify({ '@context': LD_CONTEXT, ...gauge }),
    });
    expect(jsonWithContext.status).toBe(400);
    const ldWithout = await call(`${s.url}/ngsi-ld/v1/entities`, {
      headers: ngsiHeaders('ld+json'),
      raw: JSON.stringify(gauge),
    });
    expect(ldWithout.status).toBe(400);
    expect((ldWithout.json as { detail: string }).detail).toMatch(/@context/);
    const plainJson = await call(`${s.url}/ngsi-ld/v1/entities`, {
      headers: ngsiHeaders('json'),
      raw: JSON.stringify(gauge),
    });
    expect(plainJson.status).toBe(201);
    const wrongKey = await call(`${s.url}/ngsi-ld/v1/entities`, {
      headers: ngsiHeaders('json', 'not-the-key-0000000'),
      raw: '{}',
    });
    expect(wrongKey.status).toBe(401);
    const xml = await call(`${s.url}/ngsi-ld/v1/entities`, {
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${INGEST_KEY}` },
      raw: '<entity/>',
    });
    expect(xml.status).toBe(415);
    expect((xml.json as { type: string }).type).toBe('https://uri.etsi.org/ngsi-ld/errors/InvalidRequest');
  });
});

/** The same over MQTT, through the embedded broker and through Mosquitto. */
function mqttSuite(label: string, env: () => NodeJS.ProcessEnv, brokerUrl: (s: AlertsServer) => string) {
  describe(`malformed NGSI-LD over MQTT (${label})`, () => {
    let s: AlertsServer;
    let client: MqttClient;
    const errors: unknown[] = [];
    beforeAll(async () => {
      s = await startAlertsServer('sqlite', { env: env() });
      await s.server.alerts.mqtt!.ready();
      client = await mqtt.connectAsync(brokerUrl(s), { username: 'sensor', password: INGEST_KEY, reconnectPeriod: 0 });
      await client.subscribeAsync(ERROR_TOPIC);
      client.on('message', (_t, payload) => errors.push(JSON.parse(payload.toString())));
    });
    afterAll(async () => {
      await client?.endAsync();
      await s?.stop();
    });

    it('counts and reports every bad message, keeps the subscription, and stores every good one', async () => {
      const topic = `ioc/ngsi-ld/test-${label}-${process.pid}`;
      const cases = malformed(2);
      for (const [i, c] of cases.entries()) {
        await client.publishAsync(topic, c.body, { qos: 1 });
        await client.publishAsync(topic, JSON.stringify(floodGauge(`mq-${label}-${i}`, 1.85, at())), { qos: 1 });
      }
      const expected = cases.map((_, i) => `urn:ngsi-ld:FloodMonitoring:mq-${label}-${i}`);
      await expect
        .poll(
          async () => {
            await s.server.alerts.pipeline.drain();
            const sources = await activeSources(s);
            return expected.filter((e) => !sources.includes(e));
          },
          { timeout: 20_000, interval: 100 },
        )
        .toEqual([]);
      const text = await metrics(s);
      for (const reason of new Set(cases.map((c) => c.reason))) {
        expect(metric(text, 'ngsi-ld-mqtt', reason), reason).toBe(cases.filter((c) => c.reason === reason).length);
      }
      expect(s.server.alerts.mqtt!.connected()).toBe(true);
      expect(s.server.alerts.mqtt!.stats().reconnects).toBe(0);
      await expect.poll(() => errors.length, { timeout: 5000 }).toBe(cases.length);
      expect(errors[0]).toMatchObject({ topic, error: { type: 'https://uri.etsi.org/ngsi-ld/errors/InvalidRequest' } });
    });
  });
}

mqttSuite(
  'embedded',
  () => ({ IOC_MQTT_URL: 'embedded' }),
  (s) => s.server.alerts.mqttUrl!,
);
if (MOSQUITTO_PROBLEM === null) {
  mqttSuite(
    'mosquitto',
    () => ({ IOC_MQTT_URL: MOSQUITTO_URL, IOC_MQTT_TOPIC: `ioc/ngsi-ld/test-mosquitto-${process.pid}` }),
    () => MOSQUITTO_URL,
  );
} else if (MOSQUITTO_REQUIRED) {
  it('needs Mosquitto (IOC_REQUIRE_SERVICES=1)', () => {
    throw new Error(MOSQUITTO_PROBLEM ?? 'no broker');
  });
} else describe.skip(`malformed NGSI-LD over MQTT (mosquitto) — ${MOSQUITTO_PROBLEM}`, () => undefined);
