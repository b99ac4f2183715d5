// Issue 5 §9: a case's video plays in the lightbox straight from /api/media/<sha256> with byte ranges. A <video>
// cannot send the bearer or the Electron launch header, so the core issues a short-lived ticket for one file to a
// signed-in caller; the ticket, never the session token, rides in the URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CentralServer } from '../../src-server/server';
import { LAUNCH_HEADER } from '../../src-shared/contract';
import { startTestCore, type TestCore } from '../integration/core-harness';
import { makeTempDir } from '../integration/tmp-dir';
import { mp4WithLocation, plainJpeg } from '../server/attachments-media';
import { useDatabase } from '../server/databases';
import { TEST_PASSWORD } from '../server/server-harness';
import { ENROL_SECRET, eventually, fileReport } from './harness';
import { attachCitizenMedia, startMediaSyncServer } from './media-sync-server';

const LAUNCH_SECRET = 'bi-mat-khoi-chay-cua-cua-so-0123456789';

interface Ticket {
  url: string;
  mime: string;
  size: number;
  expiresAt: string;
}

describe('media tickets for <video>', () => {
  const db = useDatabase('sqlite');
  const media = makeTempDir('ioc-media-tickets-');
  let server: CentralServer;
  let core: TestCore;
  let video: { published_sha256: string };
  let photo: { published_sha256: string };

  // This core runs as under Electron: every /api call needs the launch header, as the renderer's fetches send it.
  const api = (path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(`${core.url}${path}`, {
      ...init,
      headers: {
        [LAUNCH_HEADER]: LAUNCH_SECRET,
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const login = async (username: string) => {
    const res = await api('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  };
  const ticketFor = async (sha: string, token: string) => {
    const res = await api(`/api/media/${sha}/ticket`, { method: 'POST', token });
    return { status: res.status, body: (await res.json()) as { ok: boolean; value: Ticket; error?: { code: string } } };
  };

  beforeAll(async () => {
    server = await startMediaSyncServer(db(), media.dir);
    core = await startTestCore(['--server', server.url], {
      IOC_SYNC_ENROL_SECRET: ENROL_SECRET,
      IOC_LAUNCH_SECRET: LAUNCH_SECRET,
    });
    const filed = await fileReport(server, 'Camera ghi lại xe chở rác đổ trộm bên sông Tiền');
    const link = (bytes: Buffer, fileName: string) => attachCitizenMedia(server, filed.id, bytes, { fileName });
    video = await link(mp4WithLocation(), 'clip.mp4');
    photo = await link(plainJpeg(320, 240), 'anh.jpg');
    const operator = await login('operator');
    await eventually(
      async () => {
        const res = await api('/api/rpc/cases.get', {
          method: 'POST',
          token: operator,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id: filed.id }),
        });
        const body = (await res.json()) as { value?: { attachments: unknown[] } };
        return body.value?.attachments.length === 2 ? true : null;
      },
      20_000,
      'both attachments mirrored',
    );
  }, 60_000);
  afterAll(async () => {
    await core?.stop();
    await server?.dispose();
    media.remove();
  }, 60_000);

  it('plays a video in ranges from a ticketed URL that needs no header at all', async () => {
    const token = await login('operator');
    expect((await ticketFor(video.published_sha256, token)).status).toBe(200);
    const { body } = await ticketFor(video.published_sha256, token);
    expect(body.value.mime).toBe('video/mp4');
    expect(body.value.url).toMatch(new RegExp(`^/api/media/${video.published_sha256}\\?ticket=[A-Za-z0-9_-]{43}$`));
    expect(body.value.url).not.toContain(token);
    expect(Date.parse(body.value.expiresAt)).toBeGreaterThan(Date.now());

    // No bearer, no launch header, no cookie: as a <video> element asks.
    const url = `${core.url}${body.value.url}`;
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('accept-ranges')).toBe('bytes');
    const size = Number(head.headers.get('content-length'));
    expect(size).toBe(body.value.size);
    const first = await fetch(url, { headers: { range: 'bytes=0-' } });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-${size - 1}/${size}`);
    const whole = Buffer.from(await first.arrayBuffer());
    const seek = await fetch(url, { headers: { range: `bytes=${size - 100}-` } });
    expect(seek.status).toBe(206);
    expect(seek.headers.get('content-range')).toBe(`bytes ${size - 100}-${size - 1}/${size}`);
    expect(Buffer.from(await seek.arrayBuffer()).equals(whole.subarray(size - 100))).toBe(true);

    // The Electron renderer (app://ioc) plays it as <video crossorigin>: CORS for its origin only, Range allowed.
    const fromApp = await fetch(url, { headers: { origin: 'app://ioc', range: 'bytes=0-9' } });
    expect(fromApp.status).toBe(206);
    expect(fromApp.headers.get('access-control-allow-origin')).toBe('app://ioc');
    await fromApp.arrayBuffer();
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'app://ioc', 'access-control-request-headers': 'range' },
    });
    expect(preflight.headers.get('access-control-allow-headers')).toContain('range');
    const elsewhere = await fetch(url, { headers: { origin: 'http://evil.example', range: 'bytes=0-9' } });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
    await elsewhere.arrayBuffer();
  });

  it('refuses a bad ticket, a ticket for another file, and every ticket of a session that signed out', async () => {
    const token = await login('operator');
    const { body } = await ticketFor(video.published_sha256, token);
    const ticket = new URL(body.value.url, core.url).searchParams.get('ticket')!;

    const bad = await fetch(`${core.url}/api/media/${video.published_sha256}?ticket=${'x'.repeat(43)}`);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((await fetch(`${core.url}/api/media/${video.published_sha256}?ticket=`)).status).toBe(401);
    expect((await fetch(`${core.url}/api/media/${photo.published_sha256}?ticket=${ticket}`)).status).toBe(401);
    // The session token itself is no ticket.
    expect((await fetch(`${core.url}/api/media/${video.published_sha256}?ticket=${token}`)).status).toBe(401);
    // Without the launch header and without a ticket the core answers nothing.
    expect((await fetch(`${core.url}/api/media/${video.published_sha256}`)).status).toBe(403);

    expect((await fetch(`${core.url}${body.value.url}`, { method: 'HEAD' })).status).toBe(200);
    expect((await api('/api/auth/logout', { method: 'POST', token })).status).toBe(204);
    expect((await fetch(`${core.url}${body.value.url}`, { method: 'HEAD' })).status).toBe(401);
  });

  it('issues tickets only to a signed-in caller who may read the case', async () => {
    expect((await api(`/api/media/${video.published_sha256}/ticket`, { method: 'POST' })).status).toBe(401);
    const technician = await login('technician');
    const refused = await ticketFor(video.published_sha256, technician);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('forbidden');
    const operator = await login('operator');
    const unknown = await ticketFor('0'.repeat(64), operator);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('not_found');
  });
});
