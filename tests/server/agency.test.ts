import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseAction } from '../../src-shared/domain/cases/actions';
import type { CaseActor } from '../../src-shared/domain/cases/states';
import { createCitizenReport } from '../../src-server/cases/create-case';
import { transitionCase } from '../../src-server/cases/transition-case';
import { loadServerResources } from '../../src-server/resources/load-resources';
import { describeOnEachDatabase, useDatabase } from './databases';
import { hasExifGps, jpegWithGps, pngBomb } from './attachments-media';
import { multipartBody, startMediaServer } from './attachments-harness';
import { APP_ROOT, get, TEST_PASSWORD, type TestServer } from './server-harness';

const { catalog, calendar } = loadServerResources(join(APP_ROOT, 'resources'));
const AGENCY = 'moi-truong-do-thi';
const STAFF = 'canbo.moi-truong-do-thi';
const OTHER_STAFF = 'canbo.cap-nuoc';
// Thursday 5 March 2026, 10:00 in Vietnam.
const T0 = new Date('2026-03-05T03:00:00Z');

/** A browser, reduced to what the inbox needs: one cookie, the page's form token, the Origin header. */
class Browser {
  cookie: string | null = null;
  constructor(private readonly base: string) {}

  async page(path: string): Promise<{ status: number; text: string; token: string | null }> {
    const res = await fetch(`${this.base}${path}`, {
      redirect: 'manual',
      headers: this.cookie ? { cookie: this.cookie } : {},
    });
    const text = await res.text();
    return { status: res.status, text, token: /name="token" value="([^"]+)"/.exec(text)?.[1] ?? null };
  }

  async post(path: string, fields: Record<string, string>, origin: string | null = new URL(this.base).origin) {
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(origin ? { origin } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: new URLSearchParams(fields).toString(),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }

  async login(username: string, password = TEST_PASSWORD) {
    const { token } = await this.page('/agency/login');
    return this.post('/agency/login', { token: token!, username, password });
  }

  /** A form with files (multipart/form-data), as a browser sends one with a file input. */
  async postWithFiles(path: string, fields: Record<string, string>, files: { name: string; data: Buffer }[]) {
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: new URL(this.base).origin, ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: multipartBody(
        fields,
        files.map((f) => ({ field: 'photos', fileName: f.name, type: 'image/jpeg', data: f.data })),
      ),
    });
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }

  /** Fills in the form of one action on the case page, as a person would. */
  async act(caseId: string, action: string, fields: Record<string, string> = {}) {
    const { token } = await this.page(`/agency/cases/${caseId}`);
    return this.post(`/agency/cases/${caseId}/${action}`, { token: token ?? 'none', ...fields });
  }
}

describeOnEachDatabase('the agency inbox', (dialect) => {
  const db = useDatabase(dialect);
  let t: TestServer;
  beforeAll(async () => {
    t = await startMediaServer(db());
    t.clock.now = T0;
  });
  afterAll(() => t.stop());

  const kdb = () => t.server.database.db;
  const row = (id: string) => kdb().selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const centre = async (caseId: string, action: CaseAction, actor: CaseActor = 'operator') => {
    const r = await transitionCase(kdb(), calendar, {
      caseId,
      action,
      acting: { actor },
      actorId: 'centre-user',
      now: t.clock.now,
    });
    expect(r.ok, JSON.stringify(r)).toBe(true);
  };
  const forwardedCase = async (description = 'Đèn đường không sáng') => {
    const c = await createCitizenReport(
      kdb(),
      calendar,
      {
        service: catalog.get('lighting')!,
        description,
        lat: 10.46,
        long: 105.63,
        addressString: 'Đường Lê Lợi',
        addressId: null,
        mediaUrl: null,
        attributes: { tinh_trang: 'khong_sang' },
        reporter: {
          firstName: 'Lan',
          lastName: 'Nguyễn',
          email: 'lan@example.vn',
          phone: '0912345678',
          deviceId: null,
          accountId: null,
        },
        apiKeyId: null,
        channel: 'open311',
      },
      t.clock.now,
    );
    await centre(c.id, { type: 'triage' });
    await centre(c.id, { type: 'forward', agencyId: AGENCY, publicNote: 'Đã chuyển đơn vị chiếu sáng' });
    return c;
  };

  it('seeds one staff member per demo agency, who holds no workstation role', async () => {
    const staff = await kdb().selectFrom('users').select(['username', 'roles', 'agency_id']).execute();
    const agencies = await kdb().selectFrom('agencies').select('id').execute();
    for (const a of agencies) {
      expect(
        staff.filter((s) => s.agency_id === a.id).map((s) => s.roles),
        a.id,
      ).toEqual(['[]']);
    }
  });

  it('lets only agency staff with the right password in', async () => {
    const b = new Browser(t.url);
    expect((await b.page('/agency')).status).toBe(303);
    expect((await b.login(STAFF, 'sai-mat-khau')).status).toBe(401);
    expect((await b.login('operator')).status).toBe(401);
    const { token } = await b.page('/agency/login');
    const crossSite = await b.post(
      '/agency/login',
      { token: token!, username: STAFF, password: TEST_PASSWORD },
      'http://evil.example',
    );
    expect(crossSite.status).toBe(403);
    expect(b.cookie).toBeNull();
    const ok = await b.login(STAFF);
    expect(ok.status).toBe(303);
    expect(b.cookie).toMatch(/^ioc_agency=/);
    const inbox = await b.page('/agency');
    expect(inbox.status).toBe(200);
    expect(inbox.text).toContain('Môi trường đô thị');
  });

  it('locks a username for fifteen minutes after five failed logins', async () => {
    const b = new Browser(t.url);
    for (let i = 0; i < 5; i++) expect((await b.login('canbo.so-khcn', `sai-${i}`)).status).toBe(401);
    expect((await b.login('CANBO.so-khcn')).status).toBe(429);
    expect(b.cookie).toBeNull();
    t.clock.now = new Date(T0.getTime() + 16 * 60_000);
    try {
      expect((await b.login('canbo.so-khcn')).status).toBe(303);
    } finally {
      t.clock.now = T0;
    }
  });

  it('takes a case from forwarded to resolved, each step one event and one sync change, shown to the citizen', async () => {
    const c = await forwardedCase('Đèn <script>alert(1)</script> hỏng');
    const b = new Browser(t.url);
    await b.login(STAFF);
    const inbox = await b.page('/agency');
    expect(inbox.text).toContain(c.code);
    const detail = await b.page(`/agency/cases/${c.id}`);
    expect(detail.text).toContain('Đèn &lt;script&gt;alert(1)&lt;/script&gt; hỏng');
    expect(detail.text).not.toMatch(/<script|0912345678|lan@example/);
    const before = await row(c.id);

    expect((await b.act(c.id, 'accept', { note: 'Giao tổ 3' })).status).toBe(303);
    expect((await b.act(c.id, 'start', { publicNote: 'Tổ sửa chữa đang đến' })).status).toBe(303);
    expect((await b.act(c.id, 'progress', { text: 'Đã kiểm tra, cần thay cáp' })).status).toBe(303);
    expect((await b.act(c.id, 'request_extension', { days: '3', reason: 'Chờ cáp ngầm' })).status).toBe(303);
    expect((await row(c.id)).state).toBe('extension_requested');
    await centre(c.id, { type: 'grant_extension' }, 'director');
    const resolved = await b.act(c.id, 'resolve', { result: 'Đã thay cáp & bóng đèn' });
    expect(resolved.status).toBe(303);
    expect(resolved.location).toBe(`/agency/cases/${c.id}`);

    const after = await row(c.id);
    expect(after).toMatchObject({ state: 'resolved', public_result: 'Đã thay cáp & bóng đèn', extension_count: 1 });
    expect(after.change_seq).toBeGreaterThan(before.change_seq);
    const staffId = (
      await kdb().selectFrom('users').select('id').where('username', '=', STAFF).executeTakeFirstOrThrow()
    ).id;
    const events = await kdb()
      .selectFrom('case_events')
      .select(['action', 'actor', 'actor_id', 'internal_note', 'change_seq'])
      .where('case_id', '=', c.id)
      .where('change_seq', '>', before.change_seq)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'accept',
      'start',
      'progress',
      'request_extension',
      'grant_extension',
      'resolve',
    ]);
    expect(events.filter((e) => e.actor === 'agency').every((e) => e.actor_id === staffId)).toBe(true);
    expect(events[0]!.internal_note).toBe('Giao tổ 3');
    const changes = await kdb()
      .selectFrom('sync_changes')
      .select(['seq', 'entity_id'])
      .where(
        'seq',
        'in',
        events.map((e) => e.change_seq),
      )
      .execute();
    expect(changes).toHaveLength(events.length);
    expect(changes.every((ch) => ch.entity_id === c.id)).toBe(true);

    const track = await get(`${t.url}/track/${c.code}`);
    expect(track.text).toContain('Đã thay cáp &amp; bóng đèn');
    expect(track.text).toContain('Tổ sửa chữa đang đến');
    expect(track.text).toContain('Đã kiểm tra, cần thay cáp');
    expect(track.text).toContain('Đơn vị dịch vụ môi trường và hạ tầng đô thị');
    expect(track.text).not.toMatch(/Giao tổ 3|Chờ cáp ngầm/);
    expect(track.text).toContain('Gửi đánh giá');
  });

  it('refuses another agency’s staff (403) and changes nothing', async () => {
    const c = await forwardedCase();
    const other = new Browser(t.url);
    await other.login(OTHER_STAFF);
    expect((await other.page('/agency')).text).not.toContain(c.code);
    expect((await other.page(`/agency/cases/${c.id}`)).status).toBe(403);
    const { token } = await other.page('/agency');
    const refused = await other.post(`/agency/cases/${c.id}/accept`, { token: token! });
    expect(refused.status).toBe(403);
    const progress = await other.post(`/agency/cases/${c.id}/progress`, { token: token!, text: 'xen ngang' });
    expect(progress.status).toBe(403);
    const r = await row(c.id);
    expect(r).toMatchObject({ state: 'forwarded', version: 3 });
    const events = await kdb().selectFrom('case_events').select('action').where('case_id', '=', c.id).execute();
    expect(events).toHaveLength(3);
  });

  it('refuses a form without the page’s token or from another site, and a step the lifecycle forbids', async () => {
    const c = await forwardedCase();
    const b = new Browser(t.url);
    await b.login(STAFF);
    const { token } = await b.page(`/agency/cases/${c.id}`);
    expect((await b.post(`/agency/cases/${c.id}/accept`, { token: 'x.y' })).status).toBe(403);
    expect((await b.post(`/agency/cases/${c.id}/accept`, { token: token! }, null)).status).toBe(403);
    expect((await b.post(`/agency/cases/${c.id}/accept`, { token: token! }, 'http://evil.example')).status).toBe(403);
    expect((await b.act(c.id, 'resolve', { result: 'Xong' })).status).toBe(409);
    expect((await b.act(c.id, 'request_extension', { days: '99', reason: 'x' })).status).toBe(400);
    const anonymous = new Browser(t.url);
    expect((await anonymous.post(`/agency/cases/${c.id}/accept`, { token: token! })).status).toBe(401);
    expect((await row(c.id)).state).toBe('forwarded');
  });

  it('returns a case to the centre with a reason the citizen does not see', async () => {
    const c = await forwardedCase();
    const b = new Browser(t.url);
    await b.login(STAFF);
    expect((await b.act(c.id, 'return', { reason: '' })).status).toBe(400);
    const returned = await b.act(c.id, 'return', { reason: 'Thuộc thẩm quyền Sở Xây dựng' });
    expect(returned.status).toBe(303);
    expect(returned.location).toBe('/agency');
    expect(await row(c.id)).toMatchObject({ state: 'returned', agency_id: null });
    const last = await kdb()
      .selectFrom('case_events')
      .select(['action', 'internal_note'])
      .where('case_id', '=', c.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'return', internal_note: 'Thuộc thẩm quyền Sở Xây dựng' });
    expect((await get(`${t.url}/track/${c.code}`)).text).not.toContain('Sở Xây dựng');
    expect((await b.page(`/agency/cases/${c.id}`)).status).toBe(403);
  });

  it('posts progress and the result with photos; a refused photo saves nothing and keeps the text typed', async () => {
    const b = new Browser(t.url);
    await b.login(STAFF);
    const c = await forwardedCase('Cống bị tắc');
    expect((await b.act(c.id, 'accept')).status).toBe(303);
    expect((await b.act(c.id, 'start')).status).toBe(303);
    const page = await b.page(`/agency/cases/${c.id}`);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toContain('name="photos"');
    const events = async () =>
      (await kdb().selectFrom('case_events').select('id').where('case_id', '=', c.id).execute()).length;
    const before = await events();

    const bomb = await b.postWithFiles(
      `/agency/cases/${c.id}/progress`,
      { token: page.token!, text: 'Đang nạo vét <đoạn 1>' },
      [{ name: 'bom.png', data: pngBomb() }],
    );
    expect(bomb.status).toBe(400);
    expect(bomb.text).toContain('Tệp “bom.png” không được nhận: Ảnh quá lớn (50000×50000 điểm ảnh)');
    expect(bomb.text).toContain('Đang nạo vét &lt;đoạn 1&gt;</textarea');
    expect(await events()).toBe(before);

    const progress = await b.postWithFiles(
      `/agency/cases/${c.id}/progress`,
      { token: page.token!, text: 'Đang nạo vét' },
      [
        { name: 'truoc.jpg', data: jpegWithGps(640, 480) },
        { name: 'sau.jpg', data: jpegWithGps(320, 240) },
      ],
    );
    expect(progress.status, progress.text).toBe(303);
    const resolved = await b.postWithFiles(
      `/agency/cases/${c.id}/resolve`,
      { token: page.token!, result: 'Đã thông cống' },
      [{ name: 'xong.jpg', data: jpegWithGps(400, 300) }],
    );
    expect(resolved.status, resolved.text).toBe(303);
    const list = await t.server.attachments.listForCase(c.id, { publicOnly: true });
    expect(list.map((a) => [a.kind, a.fileName])).toEqual([
      ['progress', 'truoc.jpg'],
      ['progress', 'sau.jpg'],
      ['result', 'xong.jpg'],
    ]);
    const { code } = await row(c.id);
    const track = await get(`${t.url}/track/${code}`);
    for (const a of list) expect(track.text).toContain(`/media/${a.thumbSha256}.jpg`);
    const published = await fetch(`${t.url}/media/${list[2]!.publishedSha256}.jpg`);
    expect(hasExifGps(Buffer.from(await published.arrayBuffer()))).toBe(false);
  });
});
