import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../server/databases';
import { plainJpeg } from '../server/attachments-media';
import { get, TEST_API_KEY } from '../server/server-harness';
import { escalateFloodAlert, postLampReport } from './escalation';
import { type AlertsServer, startAlertsServer } from './harness';

interface ServiceRequest {
  service_request_id: string;
}

/**
 * A case the centre opened from an internal alert names sensors and systems: it is not public. Open311 lists,
 * look-ups and the updates feed, and the tracking page, show the citizens' case beside it and never this one.
 */
describeOnEachDatabase('cases escalated from alerts stay internal', (dialect) => {
  let s: AlertsServer;
  let alertCase: string;
  let citizenCase: string;
  const open311 = (path: string) => get(`${s.url}/open311/v2/${path}`);
  beforeAll(async () => {
    s = await startAlertsServer(dialect, { env: { IOC_OPEN311_API_KEY: TEST_API_KEY } });
    citizenCase = await postLampReport(s, '10.4603', '105.6329');
    alertCase = (await escalateFloodAlert(s, 'priv-1')).caseCode;
  });
  afterAll(async () => s?.stop());

  const codesIn = (text: string) => (JSON.parse(text) as ServiceRequest[]).map((r) => r.service_request_id);

  it('is not in GET requests, by search or by id', async () => {
    const listed = await open311('requests.json');
    expect(listed.status).toBe(200);
    expect(codesIn(listed.text)).toContain(citizenCase);
    expect(codesIn(listed.text)).not.toContain(alertCase);
    const both = await open311(`requests.json?service_request_id=${citizenCase},${alertCase}`);
    expect(codesIn(both.text)).toEqual([citizenCase]);
    expect((await open311(`requests/${alertCase}.json`)).status).toBe(404);
    expect((await open311(`requests/${citizenCase}.json`)).status).toBe(200);
  });

  it('is not in the servicerequestupdates feed', async () => {
    const feed = await open311('servicerequestupdates.json');
    expect(feed.status).toBe(200);
    expect(feed.text).toContain(citizenCase);
    expect(feed.text).not.toContain(alertCase);
  });

  it('keeps its photos private even when they are flagged public', async () => {
    const db = s.server.database.db;
    const now = new Date();
    const servedFor = async (code: string, photo: Buffer) => {
      const { id } = await db.selectFrom('cases').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      const media = await s.server.attachments.ingestBuffer(photo, now);
      const link = { mediaSha256: media.sha256, kind: 'progress', public: true, fileName: null } as const;
      await s.server.attachments.link({ ...link, caseId: id, addedBy: 'operator', now });
      const published = await get(`${s.url}/media/${media.published_sha256}`);
      const thumb = await get(`${s.url}/media/${media.thumb_sha256}`);
      return [published.status, thumb.status];
    };
    expect(await servedFor(citizenCase, plainJpeg(96, 64))).toEqual([200, 200]);
    expect(await servedFor(alertCase, plainJpeg(80, 48))).toEqual([404, 404]);
  });

  it('has no tracking page', async () => {
    expect((await get(`${s.url}/track/${citizenCase}`)).status).toBe(200);
    const page = await get(`${s.url}/track/${alertCase}`);
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('FloodMonitoring');
  });
});
