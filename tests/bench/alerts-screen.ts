// The last leg of the alerts-ingest bench (issue 6: "p95 from publish to the alert on a workstation screen"): the
// operator's Map page in Chromium, its alerts panel watched by a MutationObserver that notes when each new alert
// row is first in the DOM; the same machine's clock on both sides (Date.now), so publish → row is one subtraction.
import type { Page } from 'playwright-core';
import { operatorPage, WEBGL_ARGS } from '../alerts/browser-session';
import { launchBrowser } from '../e2e/harness';
import type { TestCore } from '../integration/core-harness';

type RowLog = { rows: Map<string, number>; busy: { ms: number; count: number } };

/** What kept the page's main thread from drawing the row: its long tasks (≥ 50 ms) while the samples ran. */
export interface ScreenResult {
  latencies: number[];
  longTaskMs: number;
  longTasks: number;
  seconds: number;
}

const OBSERVE_ROWS = `(() => {
  window.rows = new Map();
  const note = () => {
    const now = Date.now();
    for (const el of document.querySelectorAll('[data-testid="alert-row"]')) {
      const id = el.getAttribute('data-alert-id');
      if (id && !window.rows.has(id)) window.rows.set(id, now);
    }
  };
  note();
  new MutationObserver(note).observe(document.body, { childList: true, subtree: true });
  window.busy = { ms: 0, count: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.busy.ms += e.duration;
      window.busy.count += 1;
    }
  }).observe({ type: 'longtask' });
})()`;

/** Rows seen so far, by alert id, with the wall-clock time each first appeared. */
function rowTimes(page: Page): Promise<[string, number][]> {
  return page.evaluate(() => [...(window as unknown as RowLog).rows.entries()]);
}

async function settle(page: Page): Promise<number> {
  // The throughput phase's alerts arrive first: wait until the panel has stopped growing for two seconds.
  let last = -1;
  for (;;) {
    const n = (await rowTimes(page)).length;
    if (n === last) return n;
    last = n;
    await page.waitForTimeout(2000);
  }
}

/**
 * For each sample: `publish(i)` sends one reading that raises one new alert and returns when it was sent
 * (Date.now); the latency is until a row with an id not seen before is in the panel. IOC_BENCH_TRACE=<file.json>
 * records a Chromium performance trace of the samples (open it in DevTools' Performance panel).
 */
export async function screenLatencies(
  core: TestCore,
  samples: number,
  publish: (i: number) => number,
): Promise<ScreenResult> {
  const browser = await launchBrowser(WEBGL_ARGS);
  try {
    const page = await operatorPage(browser, core);
    await page.getByTestId('nav-map').click();
    await page.getByTestId('alerts-panel').waitFor({ timeout: 60_000 });
    // A string, not a function: tsx would wrap a function's inner helpers in its own __name, unknown to the page.
    await page.evaluate(OBSERVE_ROWS);
    await settle(page);
    const tracePath = process.env.IOC_BENCH_TRACE;
    if (tracePath) await browser.startTracing(page, { path: tracePath, screenshots: false });
    await page.evaluate(() => Object.assign((window as unknown as RowLog).busy, { ms: 0, count: 0 }));
    const t0 = performance.now();
    const latencies: number[] = [];
    for (let i = 0; i < samples; i++) {
      const known = new Set((await rowTimes(page)).map(([id]) => id));
      const sent = publish(i);
      const handle = await page.waitForFunction(
        (ids: string[]) => {
          const seen = new Set(ids);
          const fresh = [...(window as unknown as RowLog).rows.entries()].find(([id]) => !seen.has(id));
          return fresh ? fresh[1] : null;
        },
        [...known],
        { timeout: 15_000, polling: 50 },
      );
      latencies.push(Number(await handle.jsonValue()) - sent);
    }
    const seconds = (performance.now() - t0) / 1000;
    const busy = await page.evaluate(() => (window as unknown as RowLog).busy);
    if (tracePath) await browser.stopTracing();
    return { latencies, longTaskMs: busy.ms, longTasks: busy.count, seconds };
  } finally {
    await browser.close();
  }
}
