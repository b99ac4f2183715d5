import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseAction } from '../../src-shared/domain/cases/actions';
import type { CaseActor } from '../../src-shared/domain/cases/states';
import { makeTrackingCode } from '../../src-shared/domain/cases/tracking-code';
import { createCitizenReport } from '../../src-server/cases/create-case';
import { transitionCase } from '../../src-server/cases/transition-case';
import { loadServerResources } from '../../src-server/resources/load-resources';
import { describeOnEachDatabase, useDatabase } from './databases';
import { hasExifGps, jpegWithGps, plainJpeg } from './attachments-media';
import { startMediaServer } from './attachments-harness';
import { APP_ROOT, get, type TestServer } from './server-harness';

const { catalog, calendar } = loadServerResources(join(APP_ROOT, 'resources'));
const AGENCY = 'moi-truong-do-thi';
// Thursday 5 March 2026, 10:00 in Vietnam: lighting has 5 working days → due Thursday 12 March.
const T0 = new Date('2026-03-05T03:00:00Z');
const HOSTILE = 'Đèn hỏng <script>alert("x")</script> & <img src=x onerror=alert(1)>';

describeOnEachDatabase('the public tracking page', (dialect) => {
  const db = useDatabase(dialect);
  let t: TestServer;
  beforeAll(async () => {
    t = await startMediaServer(db());
    t.clock.now = T0;
  });
  afterAll(() => t.stop());

  const kdb = () => t.server.database.db;
  const newCase = () =>
    createCitizenReport(
      kdb(),
      calendar,
      {
        service: catalog.get('lighting')!,
        description: HOSTILE,
        lat: 10.46,
        long: 105.63,
        addressString: '12 Lê Lợi <b>phường</b> Cao Lãnh',
        addressId: null,
        mediaUrl: null,
        attributes: { tinh_trang: 'khong_sang' },
        reporter: {
          firstName: 'Lan',
          lastName: 'Nguyễn Thị',
          email: 'lan@example.vn',
          phone: '0912345678',
          deviceId: 'dev-1',
          accountId: null,
        },
        apiKeyId: null,
        channel: 'open311',
      },
      T0,
    );
  const act = async (caseId: string, action: CaseAction, actor: CaseActor) => {
    const r = await transitionCase(kdb(), calendar, {
      caseId,
      action,
      acting: { actor, agencyId: AGENCY },
      actorId: `${actor}-user`,
      now: T0,
    });
    expect(r.ok, JSON.stringify(r)).toBe(true);
  };
  const resolvedCase = async () => {
    const c = await newCase();
    await act(c.id, { type: 'triage' }, 'operator');
    await act(c.id, { type: 'forward', agencyId: AGENCY, note: 'GHI-CHU-NOI-BO' }, 'operator');
    await act(c.id, { type: 'accept' }, 'agency');
    await act(c.id, { type: 'start', publicNote: 'Đội sửa chữa đã đến hiện trường' }, 'agency');
    await act(c.id, { type: 'resolve', result: 'Đã thay bóng <đèn> LED' }, 'agency');
    return c;
  };
  const origin = () => new URL(t.url).origin;
  const postRating = (code: string, fields: Record<string, string>, headers: Record<string, string>) =>
    fetch(`${t.url}/track/${code}/rating`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  const tokenIn = (page: string) => /name="token" value="([^"]+)"/.exec(page)?.[1];

  it('serves a lookup form with a strict CSP and no script', async () => {
    const r = await get(`${t.url}/track`);
    expect(r.status).toBe(200);
    expect(r.contentType).toBe('text/html; charset=utf-8');
    expect(r.text).toContain('<html lang="vi">');
    expect(r.text).toContain('name="viewport"');
    expect(r.text).toContain('Tra cứu');
    expect(r.text).not.toMatch(/<script/i);
    const res = await fetch(`${t.url}/track`);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/script-src/);
  });

  it('reads codes typed in any case, with spaces or dashes, and redirects to the canonical page', async () => {
    const { code } = await newCase();
    const typed = ` ${code.toLowerCase().replace(/-/g, ' ')} `;
    const res = await fetch(`${t.url}/track?code=${encodeURIComponent(typed)}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/track/${code}`);
    const loose = await fetch(`${t.url}/track/${code.replace(/-/g, '').toLowerCase()}`, { redirect: 'manual' });
    expect(loose.status).toBe(301);
    expect(loose.headers.get('location')).toBe(`/track/${code}`);
  });

  it('shows the public case, escaped, without the reporter or internal notes', async () => {
    const { code } = await newCase();
    const r = await get(`${t.url}/track/${code}`);
    expect(r.status).toBe(200);
    expect(r.text).toContain(code);
    expect(r.text).toContain(
      'Đèn hỏng &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;',
    );
    expect(r.text).toContain('12 Lê Lợi &lt;b&gt;phường&lt;/b&gt; Cao Lãnh');
    expect(r.text).not.toMatch(/<script|<img src=x|<b>/i);
    expect(r.text).not.toMatch(/Lan|0912345678|lan@example|dev-1/);
    expect(r.text).toContain('05/03/2026');
    expect(r.text).toContain('12/03/2026');
    expect(r.text).toContain('Đã tiếp nhận');
    expect(r.text).not.toContain('Gửi đánh giá');
  });

  it('answers an unknown or malformed code with a friendly 404 that explains where the code is', async () => {
    for (const code of [makeTrackingCode([0, 0, 0, 0, 0]), 'not-a-code', '<script>x</script>']) {
      const r = await get(`${t.url}/track/${encodeURIComponent(code)}`);
      expect(r.status, code).toBe(404);
      expect(r.contentType).toBe('text/html; charset=utf-8');
      expect(r.text).toContain('Không tìm thấy phản ánh');
      expect(r.text).toContain('DT-XXXX-XX');
      expect(r.text).not.toContain('<script>x');
    }
    const typo = await get(`${t.url}/track?code=DT-ABCD-EF`);
    expect(typo.status).toBe(404);
  });

  it('shows the agency, the public timeline and the result once resolved, and takes one rating', async () => {
    const { id, code } = await resolvedCase();
    const page = await get(`${t.url}/track/${code}`);
    expect(page.text).toContain('Đơn vị dịch vụ môi trường và hạ tầng đô thị');
    expect(page.text).toContain('Đội sửa chữa đã đến hiện trường');
    expect(page.text).toContain('Đã thay bóng &lt;đèn&gt; LED');
    expect(page.text).toContain('Đã xử lý xong');
    expect(page.text).not.toContain('GHI-CHU-NOI-BO');
    const token = tokenIn(page.text);
    expect(token).toBeTruthy();

    const fields = { token: token!, rating: '4', comment: 'Nhanh <b>lắm</b>' };
    expect((await postRating(code, fields, {})).status).toBe(403);
    expect((await postRating(code, fields, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await postRating(code, { ...fields, token: `${token}x` }, { origin: origin() })).status).toBe(403);
    expect((await postRating(code, { ...fields, rating: '6' }, { origin: origin() })).status).toBe(400);

    const ok = await postRating(code, fields, { origin: origin() });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/track/${code}`);
    const again = await postRating(code, { ...fields, rating: '1' }, { referer: `${origin()}/track/${code}` });
    expect(again.status).toBe(409);

    const after = await get(`${t.url}/track/${code}`);
    expect(after.text).toContain('đã được đánh giá: 4/5');
    expect(after.text).not.toContain('Gửi đánh giá');
    expect(after.text).not.toContain('lắm');
    const ratings = await kdb()
      .selectFrom('case_events')
      .select(['actor', 'internal_note', 'data', 'change_seq'])
      .where('case_id', '=', id)
      .where('action', '=', 'rating')
      .execute();
    expect(ratings).toHaveLength(1);
    expect(ratings[0]).toMatchObject({ actor: 'citizen', internal_note: 'Nhanh <b>lắm</b>' });
    expect(JSON.parse(ratings[0]!.data)).toEqual({ rating: 4 });
  });

  it('binds a rating token to its own case', async () => {
    const resolved = await resolvedCase();
    const token = tokenIn((await get(`${t.url}/track/${resolved.code}`)).text)!;
    const open = await newCase();
    // A token is bound to its case: one page's token does not rate another case.
    const r = await postRating(open.code, { token, rating: '5' }, { origin: origin() });
    expect(r.status).toBe(403);
  });

  it('shows the result photos as thumbnails linking to the clean copy, and nothing private', async () => {
    const { id, code } = await resolvedCase();
    const attachments = t.server.attachments;
    const photo = await attachments.ingestBuffer(jpegWithGps(800, 600), T0);
    const hidden = await attachments.ingestBuffer(plainJpeg(300, 200), T0);
    const link = (sha: string, kind: 'result' | 'citizen', isPublic: boolean) =>
      attachments.link({
        caseId: id,
        mediaSha256: sha,
        kind,
        public: isPublic,
        fileName: 'a.jpg',
        addedBy: 'agency:test',
        now: T0,
      });
    await link(photo.sha256, 'result', true);
    await link(hidden.sha256, 'citizen', false);

    const page = await get(`${t.url}/track/${code}`);
    expect(page.text).toContain(`href="/media/${photo.published_sha256}.jpg"`);
    expect(page.text).toContain(`src="/media/${photo.thumb_sha256}.jpg"`);
    expect(page.text).toContain('alt="Ảnh kết quả 1"');
    expect(page.text).not.toContain(hidden.thumb_sha256);
    expect(page.text).not.toContain(hidden.published_sha256);
    expect(page.text).not.toContain(photo.sha256);
    for (const sha of [photo.thumb_sha256, photo.published_sha256]) {
      const res = await fetch(`${t.url}/media/${sha}.jpg`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(hasExifGps(Buffer.from(await res.arrayBuffer()))).toBe(false);
    }
    expect((await fetch(`${t.url}/media/${hidden.thumb_sha256}.jpg`)).status).toBe(404);
  });
});
