// Issue 5 §9: photos and videos of cases reach the workstation. Attaching media on the central server gives it a
// sync cursor, so the next pull page carries its metadata (published copy only); the workstation mirrors it,
// fetches thumbnails in the background, and serves the files at /api/media/<sha256> to users who may read the case
// — from its cache when the server is gone. Real HTTP, real SQLite files, both server databases.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CentralServer } from '../../src-server/server';
import { readPage } from '../../src-server/sync/pull';
import { PullResponseSchema } from '../../src-shared/sync/protocol';
import { startTestCore, type TestCore } from '../integration/core-harness';
import { makeTempDir } from '../integration/tmp-dir';
import { plainJpeg } from '../server/attachments-media';
import { fileLampReport } from '../server/citizen-reports';
import { describeOnEachDatabase, useDatabase } from '../server/databases';
import { ENROL_SECRET, eventually, fileReport } from './harness';
import { attachCitizenMedia, startMediaSyncServer } from './media-sync-server';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface Attachment {
  sha256: string;
  thumbSha256: string;
  kind: string;
  origin: string;
  cached: boolean;
  thumbCached: boolean;
}

describeOnEachDatabase('case photos and videos through sync', (dialect) => {
  const db = useDatabase(dialect);
  const media = makeTempDir('ioc-media-');
  let server: CentralServer;
  let serverUp = true;
  let core: TestCore;
  let operator: string;
  let police: string;

  beforeAll(async () => {
    server = await startMediaSyncServer(db(), media.dir);
    core = await startTestCore(['--server', server.url], { IOC_SYNC_ENROL_SECRET: ENROL_SECRET });
    operator = await core.login('operator');
    police = await core.login('police');
  });
  afterAll(async () => {
    await core?.stop();
    if (serverUp) await server?.dispose();
    media.remove();
  }, 60_000);

  const attach = (caseId: string, bytes: Buffer, addedBy?: string) =>
    attachCitizenMedia(server, caseId, bytes, { addedBy });
  const detail = async (id: string, token = operator) => {
    const r = await core.rpc('cases.get', { id }, token);
    return r.status === 200 ? (r.json as { value: { attachments: Attachment[] } }).value : null;
  };
  const media$ = (hash: string, token: string | null, headers: Record<string, string> = {}) =>
    fetch(`${core.url}/api/media/${hash}`, {
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });

  it('gives an attachment a cursor of its own: the next pull page carries it, published copy only', async () => {
    const filed = await fileReport(server, 'Rác thải ùn ứ trước chợ Cao Lãnh');
    const before = await readPage(
      server.database.db,
      server.database.dialect,
      { epoch: null, since: 0, limit: 1000 },
      new Date(),
    );
    const since = Number(before.cursor.split(':')[1]);
    const jpeg = plainJpeg(320, 240);
    const processed = await attach(filed.id, jpeg);

    const page = await readPage(
      server.database.db,
      server.database.dialect,
      { epoch: before.epoch, since, limit: 1000 },
      new Date(),
    );
    const parsed = PullResponseSchema.parse(JSON.parse(JSON.stringify(page)));
    expect(parsed.cases).toEqual([]);
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]).toMatchObject({
      caseId: filed.id,
      sha256: processed.published_sha256,
      thumbSha256: processed.thumb_sha256,
      kind: 'photo',
      mime: 'image/jpeg',
      public: true,
      origin: 'citizen',
      role: 'citizen',
    });
    expect(parsed.attachments[0]!.changeSeq).toBeGreaterThan(since);
    // The original (which may carry the phone's GPS) is never named to a workstation.
    expect(JSON.stringify(page)).not.toContain(sha(jpeg));
    expect(JSON.stringify(page)).not.toContain(processed.sha256);
  });

  it('mirrors attachments, fetches thumbnails eagerly and serves files to those who may read the case', async () => {
    const filed = await fileReport(server, 'Cây đổ chắn đường Lê Lợi');
    const photo = await attach(filed.id, plainJpeg(640, 480), 'agency:u-1');
    const seen = await eventually(
      async () => {
        const d = await detail(filed.id);
        return d?.attachments.length === 1 && d.attachments[0]!.thumbCached ? d : null;
      },
      20_000,
      'attachment mirrored and its thumbnail cached',
    );
    expect(seen.attachments[0]).toMatchObject({
      sha256: photo.published_sha256,
      thumbSha256: photo.thumb_sha256,
      kind: 'photo',
      origin: 'agency',
      cached: false,
    });

    expect((await media$(photo.thumb_sha256, null)).status).toBe(401);
    const thumb = await media$(photo.thumb_sha256, operator);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');
    expect(thumb.headers.get('x-content-type-options')).toBe('nosniff');
    expect(sha(Buffer.from(await thumb.arrayBuffer()))).toBe(photo.thumb_sha256);

    // The full copy is fetched on first view, then served in ranges from the cache.
    const full = await media$(photo.published_sha256, operator);
    expect(full.status).toBe(200);
    const fullBytes = Buffer.from(await full.arrayBuffer());
    expect(sha(fullBytes)).toBe(photo.published_sha256);
    expect(fullBytes.equals(await readFile(server.attachments.store.pathOf(photo.published_sha256)))).toBe(true);
    const part = await media$(photo.published_sha256, operator, { range: 'bytes=0-9' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-9/${fullBytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(fullBytes.subarray(0, 10))).toBe(true);
    expect((await detail(filed.id))!.attachments[0]!.cached).toBe(true);

    // A hash no mirrored case uses is unknown, even one the server holds (the original); so is garbage.
    const unknown = await media$('0'.repeat(64), operator);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await media$(photo.sha256, operator)).status).toBe(404);
    expect((await media$('..%2F..%2Fioc.sqlite', operator)).status).toBe(404);
  });

  it('refuses media of another site’s case, and says so clearly when offline and not downloaded', async () => {
    const other = await fileLampReport(server.database.db, new Date(), {
      description: 'Đèn đường hỏng ở Sa Đéc',
      lat: 10.29,
      long: 105.76,
      addressString: 'Phường 1, Sa Đéc',
      attributes: {},
      reporter: null,
      siteId: 'sa-dec',
    });
    const photo = await attach(other.id, plainJpeg(400, 300));
    await eventually(async () => (await detail(other.id, police))?.attachments[0]?.thumbCached, 20_000, 'mirrored');
    expect(await detail(other.id, operator)).toBeNull();
    expect((await media$(photo.thumb_sha256, operator)).status).toBe(404);
    expect((await media$(photo.thumb_sha256, police)).status).toBe(200);

    await server.dispose();
    serverUp = false;
    const offline = await media$(photo.published_sha256, police);
    expect(offline.status).toBe(503);
    expect(await offline.json()).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    // What was cached still shows.
    expect((await media$(photo.thumb_sha256, police)).status).toBe(200);
  });
});
