import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  hasExifGps,
  jpegComment,
  jpegWithGps,
  mp4WithLocation,
  plainJpeg,
  pngBomb,
  sha256,
  tinyZip,
  withSegment,
} from './attachments-media';
import { interruptedPatch, multipartBody } from './attachments-harness';
import { fileLampReport } from './citizen-reports';
import { describeOnEachDatabase } from './databases';
import { caseCount, completedUpload, PHOTO_REPORT, useMediaServer } from './media-suite';
import { TEST_API_KEY } from './server-harness';

/** What ffprobe says of a file: its size and its container's tags. */
function probe(bytes: Buffer, dir: string, name: string) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=width,height:format_tags',
    '-of',
    'json',
    path,
  ]).toString();
  const json = JSON.parse(out) as { streams: { width: number; height: number }[]; format?: { tags?: object } };
  return { width: json.streams[0]!.width, height: json.streams[0]!.height, tags: json.format?.tags ?? {} };
}

describeOnEachDatabase('attachments', (dialect) => {
  const t = useMediaServer(dialect);

  const kdb = () => t.server.database.db;
  const postReport = (files: Parameters<typeof multipartBody>[1], fields: Record<string, string> = PHOTO_REPORT) =>
    fetch(`${t.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'accept-language': 'en' },
      body: multipartBody(fields, files),
    });
  const newCase = () => fileLampReport(kdb(), t.clock.now, { description: 'Đèn hỏng', reporter: null });
  const api = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    fetch(`${t.url}${path}`, { ...init, headers: { authorization: t.deviceAuth, ...init.headers } });
  const createUpload = (body: object) =>
    api('/api/uploads', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const patch = (id: string, offset: number, bytes: Buffer) =>
    api(`/api/uploads/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) },
      body: new Uint8Array(bytes),
    });

  it('publishes a citizen photo posted to Open311 upright and without its GPS; media_url points at that copy', async () => {
    const photo = jpegWithGps(640, 480);
    expect(hasExifGps(photo)).toBe(true);
    const res = await postReport([{ field: 'media', fileName: 'IMG_0001.jpg', type: 'image/jpeg', data: photo }]);
    expect(res.status, await res.clone().text()).toBe(201);
    const [{ service_request_id: code }] = (await res.json()) as [{ service_request_id: string }];

    const got = (await (await fetch(`${t.url}/open311/v2/requests/${code}.json`)).json()) as [{ media_url: string }];
    const mediaUrl = got[0].media_url;
    expect(mediaUrl).toMatch(new RegExp(`^${t.url}/media/[0-9a-f]{64}\\.jpg$`));
    const published = await fetch(mediaUrl);
    expect(published.status).toBe(200);
    expect(published.headers.get('content-type')).toBe('image/jpeg');
    expect(published.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await published.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(hasExifGps(bytes)).toBe(false);
    expect(bytes.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    // EXIF said "rotate 90°": the published copy is upright instead, 480 × 640.
    expect(probe(bytes, t.mediaDir, 'published.jpg')).toMatchObject({ width: 480, height: 640 });

    // The original is kept byte-identical (evidence), content-addressed, and never served to the public.
    const original = `${t.url}/media/${sha256(photo)}`;
    expect((await fetch(original)).status).toBe(404);
    const forWorkstation = await fetch(original, { headers: { authorization: t.deviceAuth } });
    expect(forWorkstation.status).toBe(200);
    expect(forWorkstation.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(Buffer.from(await forWorkstation.arrayBuffer()).equals(photo)).toBe(true);

    // The same photo sent again is stored once.
    const again = await postReport([{ field: 'media', fileName: 'copy.jpg', type: 'image/jpeg', data: photo }]);
    expect(again.status).toBe(201);
    const media = await t.server.attachments.findMedia(sha256(photo));
    expect(media).toMatchObject({ kind: 'image', mime: 'image/jpeg', width: 640, height: 480 });
    const list = await api(
      `/api/cases/${(await kdb().selectFrom('cases').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id}/attachments`,
    );
    expect(((await list.json()) as { value: { kind: string; public: boolean }[] }).value).toMatchObject([
      { kind: 'citizen', public: true },
    ]);
  });

  it('takes a report whose photo came through a resumable upload of the same API key', async () => {
    const photo = jpegWithGps(300, 200);
    const id = await completedUpload(t, photo);
    // A workstation's upload is not this key's to use.
    const foreign = await createUpload({ size: 10 });
    const foreignId = ((await foreign.json()) as { value: { id: string } }).value.id;
    const refused = await fetch(`${t.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
      body: new URLSearchParams({ ...PHOTO_REPORT, media_upload_id: foreignId }).toString(),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as [{ description: string }])[0].description).toMatch(/no finished upload/);

    const res = await fetch(`${t.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...PHOTO_REPORT, media_upload_id: id }).toString(),
    });
    expect(res.status).toBe(201);
    const [{ service_request_id: code }] = (await res.json()) as [{ service_request_id: string }];
    const got = (await (await fetch(`${t.url}/open311/v2/requests/${code}.json`)).json()) as [{ media_url: string }];
    const published = await fetch(got[0].media_url);
    expect(published.status).toBe(200);
    expect(hasExifGps(Buffer.from(await published.arrayBuffer()))).toBe(false);
  });

  it('keeps a media_url link as a link and never fetches it', async () => {
    const res = await postReport([], { ...PHOTO_REPORT, media_url: 'http://127.0.0.1:9/anh.jpg' });
    expect(res.status).toBe(201);
    const [{ service_request_id: code }] = (await res.json()) as [{ service_request_id: string }];
    const got = (await (await fetch(`${t.url}/open311/v2/requests/${code}.json`)).json()) as [{ media_url: string }];
    expect(got[0].media_url).toBe('http://127.0.0.1:9/anh.jpg');
  });

  it('refuses hostile files with a clear error, and creates no report', async () => {
    const jpeg = plainJpeg(320, 240);
    const cases: [string, Buffer, number, RegExp][] = [
      ['zero-byte', Buffer.alloc(0), 400, /empty \(0 bytes\)/],
      ['decompression bomb', pngBomb(), 400, /too large \(50000×50000 pixels\); at most 1 megapixels|50000×50000/],
      ['JPEG + ZIP polyglot', Buffer.concat([jpeg, tinyZip()]), 400, /data outside the photo/],
      [
        'JPEG with a web page in a comment',
        withSegment(jpeg, jpegComment('<html><script>alert(1)</script>')),
        400,
        /data outside the photo/,
      ],
      ['truncated JPEG', jpeg.subarray(0, Math.floor(jpeg.length / 2)), 400, /cut short/],
      [
        'HLS playlist named .mp4',
        Buffer.from('#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\nfile:///etc/passwd\n'),
        400,
        /Unrecognised file/,
      ],
      [
        'oversized',
        Buffer.concat([jpeg, Buffer.alloc(1024 * 1024)]),
        413,
        /too large \([\d.]+ MB\); at most 1 MB for photos/,
      ],
    ];
    const before = await caseCount(t);
    for (const [label, data, status, text] of cases) {
      const res = await postReport([{ field: 'media', fileName: `${label}.mp4`, type: 'video/mp4', data }]);
      const body = (await res.json()) as [{ code: number; description: string }];
      expect(res.status, label).toBe(status);
      expect(body[0].description, label).toMatch(text);
    }
    // A body far above the cap is refused as too large too, with the same clear text.
    const huge = await postReport([
      { field: 'media', fileName: 'huge.jpg', type: 'image/jpeg', data: Buffer.alloc(3 * 1024 * 1024) },
    ]);
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as [{ description: string }])[0].description).toMatch(/too large/);
    expect(await caseCount(t)).toBe(before);
  });

  it('pixel limits are checked before decoding: the bomb never reaches ffmpeg', async () => {
    await expect(t.server.attachments.ingestBuffer(pngBomb(), t.clock.now)).rejects.toMatchObject({
      code: 'too_many_pixels',
      params: { width: 50000, height: 50000 },
    });
  });

  it('resumes an interrupted upload, ends with the same SHA-256, and publishes the video without its location', async () => {
    const video = mp4WithLocation();
    expect(probe(video, t.mediaDir, 'original.mp4').tags).toHaveProperty('location');
    const created = await createUpload({ size: video.length, sha256: sha256(video), fileName: 'VID_0001.mp4' });
    expect(created.status).toBe(201);
    const { id } = ((await created.json()) as { value: { id: string } }).value;
    expect(created.headers.get('location')).toBe(`/api/uploads/${id}`);

    const headers = {
      authorization: t.deviceAuth,
      'content-type': 'application/offset+octet-stream',
      'upload-offset': '0',
    };
    await interruptedPatch(`${t.url}/api/uploads/${id}`, headers, video, Math.floor(video.length / 2));
    let done: Response | null = null;
    for (let attempt = 0; attempt < 100 && !done; attempt++) {
      const head = await api(`/api/uploads/${id}`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      const offset = Number(head.headers.get('upload-offset'));
      expect(offset).toBeLessThan(video.length);
      const res = await patch(id, offset, video.subarray(offset));
      if (res.status === 200) done = res;
      else {
        // 423: the interrupted request is still being wound up; 409: its last bytes landed meanwhile.
        expect([409, 423]).toContain(res.status);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    expect(done).not.toBeNull();
    const { media } = (
      (await done!.json()) as { value: { media: { sha256: string; kind: string; durationMs: number; url: string } } }
    ).value;
    expect(media.sha256).toBe(sha256(video));
    expect(media.kind).toBe('video');
    expect(media.durationMs).toBeGreaterThan(500);

    // Not linked to any case yet: nothing to show anyone.
    expect((await fetch(`${t.url}${media.url}`)).status).toBe(404);
    const c = await newCase();
    const link = await api(`/api/cases/${c.id}/attachments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ actorUsername: 'operator', uploadId: id, kind: 'progress', public: true }),
    });
    expect(link.status, await link.clone().text()).toBe(201);
    const published = await fetch(`${t.url}${media.url}`);
    expect(published.status).toBe(200);
    expect(published.headers.get('content-type')).toBe('video/mp4');
    expect(published.headers.get('x-content-type-options')).toBe('nosniff');
    const copy = probe(Buffer.from(await published.arrayBuffer()), t.mediaDir, 'published.mp4');
    expect(copy).toMatchObject({ width: 320, height: 240 });
    expect(copy.tags).not.toHaveProperty('location');
    const part = await fetch(`${t.url}${media.url}`, { headers: { range: 'bytes=0-99' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).length).toBe(100);
  });

  it('refuses an upload whose bytes do not match the declared SHA-256, and other bad upload requests', async () => {
    const photo = plainJpeg(200, 100);
    const created = await createUpload({ size: photo.length, sha256: sha256(Buffer.from('something else')) });
    const { id } = ((await created.json()) as { value: { id: string } }).value;
    const wrongOffset = await patch(id, 5, photo);
    expect(wrongOffset.status).toBe(409);
    expect(wrongOffset.headers.get('upload-offset')).toBe('0');
    const res = await patch(id, 0, photo);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { reason: string } }).error.reason).toBe('hash_mismatch');
    const state = (await (await api(`/api/uploads/${id}`)).json()) as { value: { state: string } };
    expect(state.value.state).toBe('failed');

    expect((await createUpload({ size: 0 })).status).toBe(400);
    const tooBig = await createUpload({ size: 3 * 1024 * 1024 });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { message: string } }).error.message).toMatch(/tối đa 2 MB/);
    expect((await fetch(`${t.url}/api/uploads`, { method: 'POST' })).status).toBe(401);
    // An Open311 client cannot see a workstation's upload.
    const other = await fetch(`${t.url}/api/uploads/${id}`, { method: 'HEAD', headers: { 'x-api-key': TEST_API_KEY } });
    expect(other.status).toBe(404);
    const overflow = await createUpload({ size: 10 });
    const overflowId = ((await overflow.json()) as { value: { id: string } }).value.id;
    expect((await patch(overflowId, 0, Buffer.alloc(20))).status).toBe(413);
    const head = await api(`/api/uploads/${overflowId}`, { method: 'HEAD' });
    expect(head.headers.get('upload-offset')).toBe('0');
  });

  it('serves private attachments to workstations only', async () => {
    const photo = plainJpeg(160, 120);
    const created = await createUpload({ size: photo.length, sha256: sha256(photo) });
    const { id } = ((await created.json()) as { value: { id: string } }).value;
    const done = await patch(id, 0, photo);
    const { media } = ((await done.json()) as { value: { media: { url: string; thumbUrl: string } } }).value;
    const c = await newCase();
    const link = await api(`/api/cases/${c.id}/attachments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ actorUsername: 'operator', uploadId: id, kind: 'citizen', public: false }),
    });
    expect(link.status).toBe(201);
    for (const path of [media.url, media.thumbUrl]) {
      expect((await fetch(`${t.url}${path}`)).status, path).toBe(404);
      const ws = await fetch(`${t.url}${path}`, { headers: { authorization: t.deviceAuth } });
      expect(ws.status, path).toBe(200);
      expect(ws.headers.get('cache-control')).toBe('private, no-store');
    }
    expect((await fetch(`${t.url}/api/cases/${c.id}/attachments`)).status).toBe(401);
    const noWriter = await api(`/api/cases/${c.id}/attachments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ actorUsername: 'technician', uploadId: id, kind: 'citizen' }),
    });
    expect(noWriter.status).toBe(403);
  });

  it('drops unfinished uploads once they expire', async () => {
    const created = await createUpload({ size: 1000 });
    const { id } = ((await created.json()) as { value: { id: string } }).value;
    expect((await patch(id, 0, Buffer.alloc(10))).status).toBe(204);
    const part = join(t.mediaDir, 'tmp', `upload-${id}.part`);
    expect(existsSync(part)).toBe(true);
    t.clock.now = new Date(t.clock.now.getTime() + 25 * 60 * 60 * 1000);
    expect((await api(`/api/uploads/${id}`, { method: 'HEAD' })).status).toBe(410);
    expect(existsSync(part)).toBe(false);
  });
});
