import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './app';
import { DEMO_PASSWORD, launchBrowser, newPage, REPO_ROOT, resultsPath, startCore, type CoreProcess } from './harness';

const ENROL_SECRET = 'bi-mat-e2e-phan-anh-0123456789';
const API_KEY = 'khoa-e2e-open311-0123456789';

interface Central {
  url: string;
  stop(): Promise<void>;
}

/** The central server as its own process on loopback; `port` 0 picks one, a number restarts it where it was. */
function startCentral(dbFile: string, port: number): Promise<Central> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src-server/cli.ts', '--port', String(port), '--db', dbFile],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        IOC_DEMO_PASSWORD: DEMO_PASSWORD,
        IOC_SYNC_ENROL_SECRET: ENROL_SECRET,
        IOC_OPEN311_API_KEY: API_KEY,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`central not ready:\n${out}`))), 60_000);
    child.stdout?.on('data', () => {
      const m = /IOC_SERVER_READY (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ url: m[1], stop });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`central exited (${code ?? signal}) before ready:\n${out}`));
    });
  });
}

async function postReport(serverUrl: string, description: string): Promise<string> {
  const body = new URLSearchParams({
    api_key: API_KEY,
    service_code: 'lighting',
    lat: '10.4603',
    long: '105.6329',
    address_string: 'Đường Nguyễn Huệ, phường Cao Lãnh',
    'attribute[tinh_trang]': 'khong_sang',
    description,
    first_name: 'Lan',
    phone: '0912345678',
  });
  const res = await fetch(`${serverUrl}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: body.toString(),
  });
  expect(res.status).toBeLessThan(300);
  const [created] = (await res.json()) as { service_request_id: string }[];
  return created!.service_request_id;
}

/** The detailed states the central server published for a request (mySociety's servicerequestupdates). */
async function serverStates(serverUrl: string, code: string): Promise<string[]> {
  const res = await fetch(`${serverUrl}/open311/v2/servicerequestupdates.json`);
  expect(res.status).toBe(200);
  const updates = (await res.json()) as { service_request_id: string; external_status_code: string }[];
  return updates.filter((u) => u.service_request_id === code).map((u) => u.external_status_code);
}

async function takeStep(page: Page, action: string, fields: Record<string, string>): Promise<void> {
  await page.getByTestId(`case-action-${action}`).click();
  for (const [field, value] of Object.entries(fields)) await page.getByTestId(`case-field-${field}`).fill(value);
  await page.getByTestId('case-action-submit').click();
}

describe('cases: Open311 report → inbox → triage and forward, offline queue', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-e2e-cases-'));
  let central: Central;
  let core: CoreProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    central = await startCentral(join(dir, 'central.sqlite'), 0);
    core = await startCore({ server: central.url, env: { IOC_SYNC_ENROL_SECRET: ENROL_SECRET } });
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser));
    context.setDefaultTimeout(20_000);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    const exit = await core?.stop();
    await central?.stop();
    rmSync(dir, { recursive: true, force: true });
    expect(exit?.code).toBe(0);
  }, 60_000);

  test(
    'a citizen’s report appears, is triaged and forwarded, and the timeline shows it',
    { timeout: 90_000 },
    async () => {
      const code = await postReport(central.url, 'Đèn đường trước số 12 Nguyễn Huệ không sáng từ tối qua');
      await signIn(page, core.url, 'operator');
      await page.getByTestId('nav-cases').click();
      const row = page.getByTestId('case-row').filter({ hasText: code });
      await row.waitFor();
      expect(await row.getByTestId('case-row-state').innerText()).toBe('Mới tiếp nhận');

      await page.getByTestId('cases-search').fill('nguyen hue khong sang');
      await row.locator('mark', { hasText: 'Nguyễn' }).first().waitFor();
      await page.screenshot({ path: resultsPath('cases-inbox.png') });

      await row.click();
      const detail = page.getByTestId('case-detail');
      await detail.waitFor();
      expect(await page.getByTestId('case-reporter-masked').innerText()).not.toContain('0912345678');
      await takeStep(page, 'triage', { note: 'Đúng thẩm quyền, chuyển đơn vị chiếu sáng' });
      await page.locator('[data-testid="case-detail"][data-state="triaged"]').waitFor();
      await takeStep(page, 'forward', { agencyId: 'moi-truong-do-thi' });
      await page.locator('[data-testid="case-detail"][data-state="forwarded"]').waitFor();
      // Confirmed by the central server: no entry of the timeline is left unsent.
      const timeline = page.getByTestId('case-timeline');
      await timeline.locator('[data-action="forward"][data-pending="false"]').waitFor();
      await timeline.locator('[data-action="triage"][data-pending="false"]').waitFor();
      expect(await timeline.locator('[data-action="forward"] [data-testid="timeline-actor"]').innerText()).toContain(
        'operator',
      );
      await page.locator('[data-testid="sync-pending"]', { hasText: ': 0' }).waitFor();
      expect(await serverStates(central.url, code)).toEqual(expect.arrayContaining(['triaged', 'forwarded']));
      // The inbox follows without a reload: the row moved on with the case.
      await row.locator('[data-testid="case-row-state"]', { hasText: 'Đã chuyển xử lý' }).waitFor();
      await page.screenshot({ path: resultsPath('cases-detail.png') });
    },
  );

  test(
    'with the central server down an action queues, and goes through when it is back',
    { timeout: 120_000 },
    async () => {
      const code = await postReport(central.url, 'Cột đèn nghiêng sau mưa bão, nguy cơ đổ');
      const row = page.getByTestId('case-row').filter({ hasText: code });
      await page.getByTestId('cases-search').fill('');
      await row.waitFor();
      const port = Number(new URL(central.url).port);
      await central.stop();
      expect(await serverStates(central.url, code).catch(() => 'down')).toBe('down');

      await row.click();
      await page.locator(`[data-testid="case-detail"][data-state="received"]`).waitFor();
      await takeStep(page, 'triage', {});
      await page.getByTestId('sync-offline').waitFor({ timeout: 60_000 });
      await page.locator('[data-testid="sync-pending"]', { hasText: ': 1' }).waitFor();
      await page.getByTestId('case-timeline').locator('[data-action="triage"][data-pending="true"]').waitFor();
      // The inbox shows the case as the queued action makes it, marked unsent.
      await row.locator('[data-testid="case-row-state"]', { hasText: 'Đã phân loại' }).waitFor();
      await row.getByTestId('case-row-pending').waitFor();
      await page.screenshot({ path: resultsPath('cases-offline.png') });

      central = await startCentral(join(dir, 'central.sqlite'), port);
      await page.locator('[data-testid="sync-pending"]', { hasText: ': 0' }).waitFor({ timeout: 60_000 });
      await page.locator('[data-testid="sync-bar"][data-connected="true"]').waitFor();
      expect(await page.getByTestId('sync-offline').count()).toBe(0);
      await page.getByTestId('case-timeline').locator('[data-action="triage"][data-pending="false"]').waitFor();
      await row.getByTestId('case-row-pending').waitFor({ state: 'detached' });
      expect(await serverStates(central.url, code)).toContain('triaged');
    },
  );
});
