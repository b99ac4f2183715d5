import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDatabase, describeOnEachDatabase, type TestDatabase } from '../server/databases';
import { signIn } from './app';
import {
  type Central,
  ENROL_SECRET,
  type Link,
  postReport,
  publicUpdates,
  startCentral,
  startLink,
  takeStep,
} from './citizen-journey-support';
import { DEMO_PASSWORD, launchBrowser, newPage, resultsPath, startCore, type CoreProcess } from './harness';

const AGENCY = 'moi-truong-do-thi';
const AGENCY_NAME = 'Đơn vị dịch vụ môi trường và hạ tầng đô thị';
const RESULT = 'Đã thay bóng đèn LED mới, đèn sáng bình thường từ 18 giờ.';

/** A real JPEG photo of "the result", drawn by ffmpeg. */
function resultPhoto(dir: string): string {
  const file = join(dir, 'ket-qua.jpg');
  const run = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=640x480', '-frames:v', '1', file]);
  if (run.status !== 0) throw new Error(`ffmpeg could not draw the photo: ${run.stderr.toString()}`);
  return file;
}

/** Agency staff act through the central server's HTML inbox, as a browser with no script would. */
async function agencyStep(
  agency: Page,
  caseUrl: string,
  action: string,
  fields: Record<string, string> = {},
  photo?: string,
) {
  await agency.goto(caseUrl);
  const form = agency.locator(`form[action$="/${action}"]`);
  for (const [name, value] of Object.entries(fields)) await form.locator(`[name="${name}"]`).fill(value);
  if (photo) await form.locator('input[name="photos"]').setInputFiles(photo);
  await Promise.all([agency.waitForURL(caseUrl), form.locator('button[type="submit"]').click()]);
}

// The same journey with the central server on SQLite and on PostgreSQL (a fresh database, dropped at the end; without
// PostgreSQL that half is skipped loudly, or fails when IOC_REQUIRE_SERVICES=1).
describeOnEachDatabase(
  'a citizen’s report from Open311 to its public result, with the workstation offline part of the way',
  (dialect) => {
    let dir: string;
    let db: TestDatabase;
    /** The SQLite run keeps the screenshots' old names; the PostgreSQL run's carry its name. */
    const shot = (name: string) => resultsPath(dialect === 'sqlite' ? `${name}.png` : `${name}-${dialect}.png`);
    let central: Central;
    let link: Link;
    let core: CoreProcess;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let agencyContext: BrowserContext;
    let agency: Page;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ioc-e2e-journey-'));
      db = await createDatabase(dialect);
      central = await startCentral(db.arg, 0);
      expect(await (await fetch(`${central.url}/api/health`)).json()).toMatchObject({ database: dialect });
      link = await startLink(central.url);
      core = await startCore({ server: link.url, env: { IOC_SYNC_ENROL_SECRET: ENROL_SECRET } });
      browser = await launchBrowser();
      ({ context, page } = await newPage(browser));
      ({ context: agencyContext, page: agency } = await newPage(browser));
      context.setDefaultTimeout(30_000);
      agencyContext.setDefaultTimeout(30_000);
    }, 120_000);

    afterAll(async () => {
      await agencyContext?.close();
      await context?.close();
      await browser?.close();
      const exit = await core?.stop();
      await link?.cut();
      await central?.stop();
      // After the server has stopped: dropping the PostgreSQL database also fails on connections it left open.
      await db?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
      expect(exit?.code).toBe(0);
    }, 60_000);

    test(
      'report → inbox → forward → agency handles it → result and rating on the tracking page',
      { timeout: 240_000 },
      async () => {
        // 1. The citizen reports through Open311.
        const code = await postReport(central.url, {
          description: 'Đèn đường trước chợ Cao Lãnh tắt cả tuần nay, tối rất nguy hiểm',
          address: 'Chợ Cao Lãnh, đường Nguyễn Huệ',
        });

        // 2. The operator finds it in the inbox, triages and forwards it.
        await signIn(page, core.url, 'operator');
        await page.getByTestId('nav-cases').click();
        const row = page.getByTestId('case-row').filter({ hasText: code });
        await row.waitFor();
        await row.click();
        await page.locator('[data-testid="case-detail"][data-state="received"]').waitFor();
        expect(await page.getByTestId('case-reporter-masked').innerText()).not.toContain('0912345678');
        await takeStep(page, 'triage', { note: 'Đèn đường hỏng, chuyển đơn vị chiếu sáng' });
        await page.locator('[data-testid="case-detail"][data-state="triaged"]').waitFor();
        await takeStep(page, 'forward', { agencyId: AGENCY });
        await page.locator('[data-testid="case-detail"][data-state="forwarded"]').waitFor();
        await page.locator('[data-testid="sync-pending"]', { hasText: ': 0' }).waitFor();
        await page.getByTestId('case-timeline').locator('[data-action="forward"][data-pending="false"]').waitFor();
        expect(await page.getByTestId('case-detail-agency').innerText()).toContain(AGENCY_NAME);
        expect(await page.getByTestId('timeline-agency').first().innerText()).toContain(AGENCY_NAME);
        const forwarded = (await publicUpdates(central.url, code)).find((u) => u.external_status_code === 'forwarded');
        expect(forwarded?.description).toContain(AGENCY_NAME);

        // 3. The agency's staff accept it and start work in the agency inbox.
        await agency.goto(`${central.url}/agency/login`);
        await agency.locator('input[name="username"]').fill(`canbo.${AGENCY}`);
        await agency.locator('input[name="password"]').fill(DEMO_PASSWORD);
        await Promise.all([
          agency.waitForURL(`${central.url}/agency`),
          agency.locator('button[type="submit"]').click(),
        ]);
        await agency.locator('a', { hasText: code }).click();
        const caseUrl = agency.url();
        expect(caseUrl).toMatch(/\/agency\/cases\//);
        await agencyStep(agency, caseUrl, 'accept', { publicNote: 'Đã nhận, sẽ cử tổ sửa chữa' });
        await agencyStep(agency, caseUrl, 'start');
        await page.locator('[data-testid="case-detail"][data-state="in_progress"]').waitFor({ timeout: 60_000 });

        // 4. The workstation loses the central server; the operator keeps working.
        await link.cut();
        await page.getByTestId('sync-offline').waitFor({ timeout: 60_000 });
        await page.getByTestId('case-comment').fill('Đã gọi điện cho đơn vị, hẹn sửa trong ngày');
        await page.getByTestId('case-comment-send').click();
        // The agency reported by phone that it is fixed: the operator records the result (an action that will lose
        // the race: the agency reports it in its own inbox meanwhile).
        await takeStep(page, 'resolve', { result: 'Đơn vị báo qua điện thoại: đã sửa xong' });
        await page.locator('[data-testid="sync-pending"]', { hasText: ': 2' }).waitFor();
        await page.getByTestId('case-timeline').locator('[data-action="comment"][data-pending="true"]').waitFor();
        await page.screenshot({ path: shot('journey-offline') });

        // 5. Meanwhile the agency posts progress and resolves it on the central server.
        await agencyStep(agency, caseUrl, 'progress', { text: 'Tổ sửa chữa đang thay bóng đèn' });
        await agencyStep(agency, caseUrl, 'resolve', { result: RESULT }, resultPhoto(dir));

        // 6. Back online: the queued comment is applied once, the stale resolve lands in the conflicts inbox.
        await link.restore();
        await page.locator('[data-testid="sync-pending"]', { hasText: ': 0' }).waitFor({ timeout: 60_000 });
        await page.locator('[data-testid="sync-bar"][data-connected="true"]').waitFor();
        const timeline = page.getByTestId('case-timeline');
        await timeline.locator('[data-action="comment"][data-pending="false"]').waitFor();
        expect(await timeline.locator('[data-action="comment"]').count()).toBe(1);
        // Applied once on the server too (published without its internal text).
        const comments = (await publicUpdates(central.url, code)).filter((u) => u.description.includes('ghi chú'));
        expect(comments).toHaveLength(1);
        expect(comments[0]?.description).not.toContain('hẹn sửa');
        await page.locator('[data-testid="case-detail"][data-state="resolved"]').waitFor();
        expect(await page.getByTestId('case-detail').innerText()).toContain(RESULT);

        const conflict = page.getByTestId('conflict');
        await conflict.waitFor();
        // The server's reason by its code, in Vietnamese; its own (English) words stay behind "details".
        expect(await conflict.getByTestId('conflict-reason').innerText()).toContain('Vụ việc đã đổi trạng thái');
        expect(await conflict.locator('details').textContent()).toContain('illegal_transition');
        expect(await conflict.getByTestId('conflict-case').innerText()).toBe(code);
        expect(await conflict.getByTestId('conflict-command').innerText()).toBe('Ghi nhận kết quả');
        await page.screenshot({ path: shot('journey-conflict') });
        // Retrying sends it again; the server refuses it again (the case stays resolved by the agency).
        const first = await conflict.getAttribute('data-conflict-id');
        await conflict.getByTestId('conflict-retry').click();
        const again = page.locator(`[data-testid="conflict"]:not([data-conflict-id="${first}"])`);
        await again.waitFor({ timeout: 60_000 });
        expect(await again.getByTestId('conflict-reason').innerText()).toContain('Vụ việc đã đổi trạng thái');
        await again.getByTestId('conflict-discard').click();
        await page.getByTestId('conflict').waitFor({ state: 'detached' });
        await page.locator('[data-testid="sync-conflicts"]', { hasText: ': 0' }).waitFor();

        // 7. The citizen sees the result on the public tracking page and rates it.
        const track = await agencyContext.newPage();
        await track.goto(`${central.url}/track/${code}`);
        expect(await track.locator('.state').innerText()).toBe('Đã xử lý xong');
        const body = await track.locator('body').innerText();
        expect(body).toContain(RESULT);
        expect(body).toContain(AGENCY_NAME);
        expect(body).not.toContain('Đơn vị báo qua điện thoại');
        expect(body).not.toContain('0912345678');
        // The result photo the agency attached, served as its published (metadata-free) copy.
        const photo = track.locator('img[alt*="Ảnh kết quả"]');
        await photo.waitFor();
        await photo.scrollIntoViewIfNeeded();
        await track.waitForFunction(
          (img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0,
          await photo.elementHandle(),
        );
        const full = await fetch(new URL((await photo.locator('xpath=..').getAttribute('href'))!, central.url));
        expect(full.status).toBe(200);
        expect(full.headers.get('content-type')).toMatch(/^image\/jpeg/);
        await track.locator('input[name="rating"][value="5"]').check();
        await track.locator('textarea[name="comment"]').fill('Sửa nhanh, cảm ơn');
        await track.locator('form[action$="/rating"] button[type="submit"]').click();
        await track.getByText('5/5').first().waitFor();
        await track.screenshot({ path: shot('journey-tracking'), fullPage: true });
        const states = (await publicUpdates(central.url, code)).map((u) => u.external_status_code);
        expect(states).toEqual(
          expect.arrayContaining(['received', 'triaged', 'forwarded', 'accepted', 'in_progress', 'resolved']),
        );
      },
    );
  },
);
