// Opening a case of the centre from the Cases page in Chromium, with the central server down: the form, the pending
// row at once, and the server's tracking code once the server is back.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { signIn } from './app';
import { startCentral } from './citizen-journey-support';
import { resultsPath } from './harness';
import { syncedBrowserSuite } from './suite';

describe('a new case from the Cases page, offline first', () => {
  const suite = syncedBrowserSuite('ioc-e2e-newcase-');

  test(
    'is queued while the server is down, shown pending, then gets its tracking code',
    { timeout: 120_000 },
    async () => {
      await signIn(suite.page, suite.core.url, 'operator');
      await suite.page.getByTestId('nav-cases').click();
      const port = Number(new URL(suite.central.url).port);
      await suite.central.stop();

      await suite.page.getByTestId('cases-new').click();
      const dialog = suite.page.getByTestId('new-case-dialog');
      await dialog.waitFor();
      expect(await dialog.getByTestId('new-case-snapshot').count()).toBe(0);
      await dialog.getByTestId('new-case-submit').click();
      expect(await dialog.getByTestId('new-case-problem').innerText()).toContain('lĩnh vực');
      await dialog.getByTestId('new-case-category').selectOption('drainage');
      await dialog.getByTestId('new-case-description').fill('Ngập sâu 40 cm trước chợ Cao Lãnh sau mưa lớn');
      await dialog.getByTestId('new-case-lat').fill('10,4581');
      await dialog.getByTestId('new-case-long').fill('105.6362');
      await dialog.getByTestId('new-case-submit').click();
      await dialog.waitFor({ state: 'detached' });
      await suite.page.getByTestId('case-created').waitFor();

      const row = suite.page.getByTestId('case-row').filter({ hasText: 'chợ Cao Lãnh' });
      await row.getByTestId('case-row-pending').waitFor();
      await suite.page.getByTestId('case-detail').waitFor();
      await suite.page.screenshot({ path: resultsPath('case-create-pending.png') });

      suite.central = await startCentral(join(suite.dir, 'central.sqlite'), port);
      await row.getByTestId('case-row-pending').waitFor({ state: 'detached', timeout: 60_000 });
      // The server's row, with its tracking code, replaces the provisional one.
      await row.locator('.case-row__open', { hasText: /^[A-Z0-9-]{5,}$/ }).waitFor({ timeout: 60_000 });
      await suite.page.screenshot({ path: resultsPath('case-create-synced.png') });
    },
  );
});
