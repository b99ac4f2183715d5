// A few seconds of Chromium trace while a wall arm plays, summarised: per thread (renderer main, compositor,
// media, GPU/viz…) how busy its top-level tasks kept it, and which named events took the time. IOC_BENCH_TRACE_FILE
// keeps the raw trace (chrome://tracing, Perfetto). Observes only; the trace itself costs a little CPU.
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { round } from './wall-harness';

const CATEGORIES = ['toplevel', 'media', 'cc', 'viz', 'gpu', 'blink', 'v8', 'renderer.scheduler'];

interface TraceEvent {
  ph: string;
  name: string;
  cat: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string; labels?: string };
}

export interface TraceSummary {
  seconds: number;
  /** Per "process/thread": % of the window its top-level tasks ran, and its three heaviest event names (ms). */
  threads: { thread: string; busyPct: number; tasks: number; top: string }[];
}

export async function traceFor(browser: Browser, page: Page, seconds: number): Promise<TraceSummary> {
  await browser.startTracing(page, { categories: CATEGORIES });
  const started = Date.now();
  await page.waitForTimeout(seconds * 1000);
  const buffer = await browser.stopTracing();
  const window = (Date.now() - started) * 1000;
  if (process.env.IOC_BENCH_TRACE_FILE) writeFileSync(process.env.IOC_BENCH_TRACE_FILE, buffer);
  const { traceEvents } = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
  const threadNames = new Map<string, string>();
  const processNames = new Map<number, string>();
  for (const e of traceEvents) {
    if (e.ph !== 'M') continue;
    if (e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
    if (e.name === 'process_name') processNames.set(e.pid, e.args?.name ?? '?');
  }
  const perThread = new Map<string, { busy: number; tasks: number; names: Map<string, number> }>();
  for (const e of traceEvents) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${processNames.get(e.pid) ?? e.pid}/${threadNames.get(`${e.pid}:${e.tid}`) ?? e.tid}`;
    let t = perThread.get(key);
    if (!t) perThread.set(key, (t = { busy: 0, tasks: 0, names: new Map() }));
    if (e.cat.split(',').includes('toplevel')) {
      t.busy += e.dur;
      t.tasks++;
    } else t.names.set(e.name, (t.names.get(e.name) ?? 0) + e.dur);
  }
  const threads = [...perThread.entries()]
    .map(([thread, t]) => ({
      thread,
      busyPct: round((t.busy / window) * 100)!,
      tasks: t.tasks,
      top: [...t.names.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([n, us]) => `${n} ${round(us / 1000)} ms`)
        .join('; '),
    }))
    .filter((t) => t.busyPct >= 1)
    .sort((a, b) => b.busyPct - a.busyPct);
  return { seconds: round(window / 1e6)!, threads };
}

export function describeTrace(trace: TraceSummary): string {
  return (
    `   trace ${trace.seconds} s, threads by top-level busy %:\n` +
    trace.threads
      .slice(0, 12)
      .map((t) => `      ${t.thread}: ${t.busyPct} % (${t.tasks} tasks) — ${t.top}`)
      .join('\n')
  );
}
