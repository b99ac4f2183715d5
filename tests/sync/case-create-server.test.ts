// `case.create` and `case.attach` pushed to a real central server over HTTP, on SQLite and PostgreSQL: the centre's
// own case (tracking code, SLA due date, first timeline event, cursor) kept from the public, the photo uploaded first
// through the resumable upload API and linked once, and each refusal with its code.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PageTableWire, rowsAsObjects } from '../../src-shared/sync/page-wire';
import type { PushResult } from '../../src-shared/sync/protocol';
import { hasExifGps, jpegWithGps, sha256 } from '../server/attachments-media';
import { describeOnEachDatabase, useDatabase } from '../server/databases';
import { calendar, ENROL_SECRET, startSyncServer, type SyncTestServer } from './harness';
import { dueDateAfter } from '../../src-shared/domain/cases/sla';

const HEADERS = { 'x-ioc-client-version': '0.1.0', 'x-ioc-sync-protocol': '2' };

async function json(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...HEADERS, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describeOnEachDatabase('case.create and case.attach on the server', (dialect) => {
  const db = useDatabase(dialect);
  let t: SyncTestServer;
  let auth: Record<string, string>;
  const clientId = `client-${dialect}-create`;
  let seq = 0;

  async function push(name: string, args: unknown, actorUsername = 'operator'): Promise<PushResult> {
    seq += 1;
    const reply = await json(
      `${t.url}/api/sync/push`,
      { clientId, commands: [{ seq, name, args, actorUsername, createdAt: new Date().toISOString() }] },
      auth,
    );
    expect(reply.status).toBe(200);
    return (reply.body.results as PushResult[])[0]!;
  }

  async function upload(bytes: Buffer, fileName: string): Promise<{ status: number; body: unknown }> {
    const created = await json(`${t.url}/api/uploads`, { size: bytes.length, sha256: sha256(bytes), fileName }, auth);
    expect(created.status).toBe(201);
    const id = (created.body.value as { id: string }).id;
    // Two parts, as a resumed upload sends them: the offset comes from HEAD.
    const half = Math.floor(bytes.length / 2);
    const first = await fetch(`${t.url}/api/uploads/${id}`, {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
      body: new Uint8Array(bytes.subarray(0, half)),
    });
    expect(first.status).toBe(204);
    const head = await fetch(`${t.url}/api/uploads/${id}`, { method: 'HEAD', headers: auth });
    const offset = head.headers.get('upload-offset')!;
    expect(Number(offset)).toBe(half);
    const rest = await fetch(`${t.url}/api/uploads/${id}`, {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/offset+octet-stream', 'upload-offset': offset },
      body: new Uint8Array(bytes.subarray(half)),
    });
    return { status: rest.status, body: await rest.json() };
  }

  beforeAll(async () => {
    t = await startSyncServer(db());
    const enrolled = await json(`${t.url}/api/sync/enrol`, { enrolSecret: ENROL_SECRET, label: 'Bàn tạo vụ việc' });
    expect(enrolled.status).toBe(200);
    auth = { authorization: `Bearer ${String(enrolled.body.deviceId)}.${String(enrolled.body.deviceSecret)}` };
  });
  afterAll(() => t.stop());

  const caseId = randomUUID();
  const photo = jpegWithGps(320, 240);

  it('creates an internal case with a tracking code, due date, first event and cursor', async () => {
    const before = await t.server.database.db.selectFrom('sync_state').select('last_seq').executeTakeFirstOrThrow();
    const result = await push('case.create', {
      caseId,
      serviceCode: 'traffic',
      description: 'Ùn tắc tại nút giao Nguyễn Huệ – Lê Lợi, camera số 3',
      lat: 10.4603,
      long: 105.6329,
      siteId: 'cao-lanh',
      cameraId: 'cam-3',
    });
    expect(result).toMatchObject({ status: 'applied' });
    const row = await t.server.database.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      kind: 'centre_incident',
      channel: 'workstation',
      service_code: 'traffic',
      state: 'received',
      status: 'open',
      site_id: 'cao-lanh',
      version: 1,
    });
    expect(row.code).toMatch(/^[A-Z0-9-]{5,}$/);
    expect(JSON.parse(row.attributes)).toMatchObject({ camera_id: 'cam-3', created_by: 'operator' });
    const received = new Date(row.received_at);
    expect(row.due_at).toBe(dueDateAfter(received, row.sla_working_days, calendar).toISOString());
    expect(Number(row.change_seq)).toBeGreaterThan(Number(before.last_seq));
    const events = await t.server.database.db
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', '=', caseId)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'receive', to_state: 'received', actor: 'operator' });

    // The pull carries it to every workstation; the public never sees it.
    const pull = await fetch(`${t.url}/api/sync/pull?cursor=&limit=1000`, { headers: { ...HEADERS, ...auth } });
    const page = (await pull.json()) as { cases: PageTableWire };
    expect(rowsAsObjects(page.cases).map((c) => c.id)).toContain(caseId);
    const open311 = await fetch(`${t.url}/open311/v2/requests/${row.code}.json`);
    expect(open311.status).toBe(404);
    const tracking = await fetch(`${t.url}/track/${row.code}`);
    expect(tracking.status).toBe(404);
  });

  it('refuses an id another case holds, an unknown category, bad arguments and a user without cases.write', async () => {
    const again = await push('case.create', { caseId, serviceCode: 'traffic', description: 'Lần hai' });
    expect(again).toMatchObject({ status: 'rejected', code: 'case_exists' });
    const unknown = await push('case.create', { caseId: randomUUID(), serviceCode: 'khong-co', description: 'x' });
    expect(unknown).toMatchObject({ status: 'rejected', code: 'unknown_service' });
    const extra = await push('case.create', {
      caseId: randomUUID(),
      serviceCode: 'traffic',
      description: 'x',
      state: 'closed',
    });
    expect(extra).toMatchObject({ status: 'rejected', code: 'invalid' });
    const halfPlace = await push('case.create', {
      caseId: randomUUID(),
      serviceCode: 'traffic',
      description: 'x',
      lat: 10,
    });
    expect(halfPlace).toMatchObject({ status: 'rejected', code: 'invalid' });
    const police = randomUUID();
    const refused = await push('case.create', { caseId: police, serviceCode: 'traffic', description: 'x' }, 'police');
    expect(refused).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const none = await t.server.database.db.selectFrom('cases').select('id').where('id', '=', police).execute();
    expect(none).toEqual([]);
  });

  it('refuses to attach media the server does not hold, and links it once uploaded (EXIF stripped)', async () => {
    const args = { caseId, sha256: sha256(photo), fileName: 'camera-3.jpg', mime: 'image/jpeg', caption: 'Ảnh camera' };
    const early = await push('case.attach', args);
    expect(early).toMatchObject({ status: 'rejected', code: 'media_missing' });

    const uploaded = await upload(photo, 'camera-3.jpg');
    expect(uploaded.status).toBe(200);
    const linked = await push('case.attach', args);
    expect(linked).toMatchObject({ status: 'applied' });
    const twice = await push('case.attach', args);
    expect(twice).toMatchObject({ status: 'applied' });

    const list = await fetch(`${t.url}/api/cases/${caseId}/attachments`, { headers: auth });
    const attachments = ((await list.json()) as { value: { sha256: string; public: boolean; publishedUrl?: string }[] })
      .value;
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({ sha256: sha256(photo), public: false });
    const media = await t.server.attachments.findMedia(sha256(photo));
    const published = await fetch(`${t.url}/media/${media!.published_sha256}`, { headers: auth });
    expect(published.status).toBe(200);
    expect(hasExifGps(Buffer.from(await published.arrayBuffer()))).toBe(false);
    // An internal case's picture is not served to the public, whatever its flag.
    expect((await fetch(`${t.url}/media/${media!.published_sha256}`)).status).toBe(404);

    const events = await t.server.database.db
      .selectFrom('case_events')
      .select(['action', 'internal_note'])
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['receive', 'attach', 'attach']);
    expect(events[1]!.internal_note).toBe('Ảnh camera');

    const missingCase = await push('case.attach', { ...args, caseId: randomUUID() });
    expect(missingCase).toMatchObject({ status: 'rejected', code: 'not_found' });
  });

  it('refuses a site the centre does not have, as a conflict, and the next command still applies', async () => {
    const stray = randomUUID();
    const base = { serviceCode: 'traffic', description: 'Ùn tắc ở một địa bàn không có' };
    const unknown = await push('case.create', { ...base, caseId: stray, siteId: 'khong-co-dia-ban' });
    expect(unknown).toMatchObject({ status: 'rejected', code: 'unknown_site' });
    expect(String((unknown as { message?: unknown }).message)).toContain('khong-co-dia-ban');
    const db = t.server.database.db;
    expect(await db.selectFrom('cases').select('id').where('id', '=', stray).executeTakeFirst()).toBeUndefined();
    const next = await push('case.create', { ...base, caseId: stray, siteId: 'sa-dec' });
    expect(next).toMatchObject({ status: 'applied' });
    const row = await db.selectFrom('cases').select('site_id').where('id', '=', stray).executeTakeFirstOrThrow();
    expect(row.site_id).toBe('sa-dec');
  });

  describe('a refused upload', () => {
    it('says why, and the attach that names it is refused as media_missing', async () => {
      const junk = Buffer.from('not a photo at all, just text'.repeat(10));
      const refused = await upload(junk, 'junk.jpg');
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ ok: false, error: { code: 'media_refused' } });
      const attach = await push('case.attach', {
        caseId,
        sha256: sha256(junk),
        fileName: 'junk.jpg',
        mime: 'image/jpeg',
      });
      expect(attach).toMatchObject({ status: 'rejected', code: 'media_missing' });
    });
  });
});
