import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { signIn } from './app';
import { postReport, serverStates, startCentral, takeStep } from './citizen-journey-support';
import { newPage, resultsPath } from './harness';
import { syncedBrowserSuite } from './suite';

describe('cases: Open311 report → inbox → triage and forward, offline queue', () => {
  const suite = syncedBrowserSuite('ioc-e2e-cases-');

  test(
    'a citizen’s report appears, is triaged and forwarded, and the timeline shows it',
    { timeout: 90_000 },
    async () => {
      const code = await postReport(suite.central.url, 'Đèn đường trước số 12 Nguyễn Huệ không sáng từ tối qua');
      await signIn(suite.page, suite.core.url, 'operator');
      await suite.page.getByTestId('nav-cases').click();
      const row = suite.page.getByTestId('case-row').filter({ hasText: code });
      await row.waitFor();
      expect(await row.getByTestId('case-row-state').innerText()).toBe('Mới tiếp nhận');

      await suite.page.getByTestId('cases-search').fill('nguyen hue khong sang');
      await row.locator('mark', { hasText: 'Nguyễn' }).first().waitFor();
      await suite.page.screenshot({ path: resultsPath('cases-inbox.png') });

      await row.click();
      const detail = suite.page.getByTestId('case-detail');
      await detail.waitFor();
      expect(await suite.page.getByTestId('case-reporter-masked').innerText()).not.toContain('0912345678');
      await takeStep(suite.page, 'triage', { note: 'Đúng thẩm quyền, chuyển đơn vị chiếu sáng' });
      await suite.page.locator('[data-testid="case-detail"][data-state="triaged"]').waitFor();
      await takeStep(suite.page, 'forward', { agencyId: 'moi-truong-do-thi' });
      await suite.page.locator('[data-testid="case-detail"][data-state="forwarded"]').waitFor();
      // Confirmed by the central server: no entry of the timeline is left unsent.
      const timeline = suite.page.getByTestId('case-timeline');
      await timeline.locator('[data-action="forward"][data-pending="false"]').waitFor();
      await timeline.locator('[data-action="triage"][data-pending="false"]').waitFor();
      expect(await timeline.locator('[data-action="forward"] [data-testid="timeline-actor"]').innerText()).toContain(
        'operator',
      );
      await suite.page.locator('[data-testid="sync-pending"]', { hasText: ': 0' }).waitFor();
      expect(await serverStates(suite.central.url, code)).toEqual(expect.arrayContaining(['triaged', 'forwarded']));
      // The inbox follows without a reload: the row moved on with the case.
      await row.locator('[data-testid="case-row-state"]', { hasText: 'Đã chuyển xử lý' }).waitFor();
      await suite.page.screenshot({ path: resultsPath('cases-detail.png') });
    },
  );

  test(
    'with the central server down an action queues, and goes through when it is back',
    { timeout: 120_000 },
    async () => {
      const code = await postReport(suite.central.url, 'Cột đèn nghiêng sau mưa bão, nguy cơ đổ');
      const row = suite.page.getByTestId('case-row').filter({ hasText: code });
      await suite.page.getByTestId('cases-search').fill('');
      await row.waitFor();
      const port = Number(new URL(suite.central.url).port);
      await suite.central.stop();
      expect(await serverStates(suite.central.url, code).catch(() => 'down')).toBe('down');

      await row.click();
      await suite.page.locator(`[data-testid="case-detail"][data-state="received"]`).waitFor();
      await takeStep(suite.page, 'triage', {});
      await suite.page.getByTestId('sync-offline').waitFor({ timeout: 60_000 });
      await suite.page.locator('[data-testid="sync-pending"]', { hasText: ': 1' }).waitFor();
      await suite.page.getByTestId('case-timeline').locator('[data-action="triage"][data-pending="true"]').waitFor();
      // The inbox shows the case as the queued action makes it, marked unsent.
      await row.locator('[data-testid="case-row-state"]', { hasText: 'Đã phân loại' }).waitFor();
      await row.getByTestId('case-row-pending').waitFor();
      await suite.page.screenshot({ path: resultsPath('cases-offline.png') });

      suite.central = await startCentral(join(suite.dir, 'central.sqlite'), port);
      await suite.page.locator('[data-testid="sync-pending"]', { hasText: ': 0' }).waitFor({ timeout: 60_000 });
      await suite.page.locator('[data-testid="sync-bar"][data-connected="true"]').waitFor();
      expect(await suite.page.getByTestId('sync-offline').count()).toBe(0);
      await suite.page.getByTestId('case-timeline').locator('[data-action="triage"][data-pending="false"]').waitFor();
      await row.getByTestId('case-row-pending').waitFor({ state: 'detached' });
      expect(await serverStates(suite.central.url, code)).toContain('triaged');
    },
  );

  test(
    'police reveal a reporter only after confirming, the operator cannot, and the forward shows agency names',
    { timeout: 90_000 },
    async () => {
      const code = await postReport(suite.central.url, 'Đèn chiếu sáng công viên bị vỡ chụp đèn');
      const row = suite.page.getByTestId('case-row').filter({ hasText: code });
      await suite.page.getByTestId('cases-search').fill('');
      await row.click();
      await suite.page.locator('[data-testid="case-detail"][data-state="received"]').waitFor();
      expect(await suite.page.getByTestId('case-detail-site').innerText()).toBe('Trung tâm IOC Cao Lãnh');
      expect(await suite.page.getByTestId('case-reveal').count()).toBe(0);
      await takeStep(suite.page, 'triage', {});
      await suite.page.getByTestId('case-action-forward').click();
      const agencyChoice = suite.page
        .getByTestId('case-field-agencyId')
        .locator('option', { hasText: 'Cấp nước sạch' });
      expect(await agencyChoice.getAttribute('value')).toBe('cap-nuoc');

      const police = await newPage(suite.browser);
      try {
        await signIn(police.page, suite.core.url, 'police');
        await police.page.getByTestId('nav-cases').click();
        await police.page.getByTestId('case-row').filter({ hasText: code }).click();
        const masked = police.page.getByTestId('case-reporter-masked');
        expect(await masked.innerText()).not.toContain('0912345678');
        await police.page.getByTestId('case-reveal').click();
        // Nothing is fetched before the confirmation.
        expect(await police.page.getByTestId('case-reporter-revealed').count()).toBe(0);
        await police.page.getByTestId('case-reveal-confirm').click();
        const revealed = police.page.getByTestId('case-reporter-revealed');
        await revealed.waitFor();
        expect(await revealed.innerText()).toContain('0912345678');
        expect(await revealed.innerText()).toContain('Lan');
        await police.page.screenshot({ path: resultsPath('cases-reveal.png') });
      } finally {
        await police.context.close();
      }
    },
  );
});
