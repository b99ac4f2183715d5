import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { bundledArgs } from '../integration/bundled-entry';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');
/** Every demo user gets this password (IOC_DEMO_PASSWORD); diacritics on purpose. */
export const DEMO_PASSWORD = 'mật-khẩu-e2e-2025';
export const DEMO_USERS = ['operator', 'police', 'technician', 'it_admin', 'director'] as const;
export type DemoUser = (typeof DEMO_USERS)[number];

/** Generous: a full run's load can make a start take tens of seconds; the message gives the load. */
const READY_TIMEOUT_MS = 120_000;
const EXIT_TIMEOUT_MS = 10_000;
const READY_LINE = /^IOC_CORE_READY (\S+)$/m;
/** The built renderer the cores serve; IOC_E2E_RENDERER_DIR points at another build (e.g. one made elsewhere). */
const RENDERER_DIR = process.env.IOC_E2E_RENDERER_DIR || join(REPO_ROOT, 'dist', 'renderer');

export interface CoreProcess {
  readonly url: string;
  /** The core's process id (benches read its CPU and memory from /proc). */
  readonly pid: number;
  /** Everything the core wrote, for failure messages. */
  output(): string;
  /** SIGKILL, as a crash would; waits for the exit and removes the data dir it made. */
  crash(): Promise<void>;
  /** SIGTERM, wait for the exit, remove the data dir it made; throws if the process had to be killed. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartOptions {
  /** Fixed port, to restart a core where a page expects it; default 0 (random). */
  port?: number;
  /** An existing data dir (kept on stop, the caller removes it); default a fresh one removed on stop. */
  dataDir?: string;
  /**
   * Manifest of a running demo fleet (sim/fleet, `FleetHandle.manifestPath`): the core onboards its cameras as
   * `npm start` does (IOC_DEMO_FLEET). See wall-fleet.ts for starting one.
   */
  demoFleet?: string;
  /** A central server to sync with (`--server <url>`); `env` then carries its IOC_SYNC_ENROL_SECRET. */
  server?: string;
  env?: Record<string, string>;
}

export function makeDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'ioc-e2e-'));
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

/**
 * Starts the real core as a child process on a random loopback port with a fresh data dir. It serves the
 * built renderer from dist/renderer, which this harness does not build (the test runner does).
 */
export async function startCore(options: StartOptions = {}): Promise<CoreProcess> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`${RENDERER_DIR}/index.html is missing: build the renderer first (npx vite build).`);
  }
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? makeDataDir();
  const removeDataDir = (): void => {
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const child = spawn(
    process.execPath,
    // From the esbuild bundle of the sources, not tsx: tsx compiled every module at each start (~1.5 CPU s).
    await bundledArgs('core', [
      '--headless',
      '--port',
      String(options.port ?? 0),
      '--data-dir',
      dataDir,
      '--renderer-dir',
      RENDERER_DIR,
      ...(options.server ? ['--server', options.server] : []),
    ]),
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        IOC_DEMO_PASSWORD: DEMO_PASSWORD,
        ...(options.demoFleet ? { IOC_DEMO_FLEET: options.demoFleet } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (log += chunk));

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`core not ready after ${READY_TIMEOUT_MS} ms (load ${loadavg().join(' ')}):\n${log}`)),
      READY_TIMEOUT_MS,
    );
    child.stdout?.on('data', (chunk: string) => {
      log += chunk;
      const match = READY_LINE.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`core exited before ready (code ${code}, signal ${signal}):\n${log}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await waitForExit(child, EXIT_TIMEOUT_MS);
    removeDataDir();
    throw error;
  });

  return {
    url,
    pid: child.pid ?? 0,
    output: () => log,
    async crash() {
      child.kill('SIGKILL');
      await waitForExit(child, EXIT_TIMEOUT_MS);
      removeDataDir();
    },
    async stop() {
      let forced = false;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        if (!(await waitForExit(child, EXIT_TIMEOUT_MS))) {
          forced = true;
          child.kill('SIGKILL');
          await waitForExit(child, EXIT_TIMEOUT_MS);
        }
      }
      removeDataDir();
      if (forced) throw new Error(`core ignored SIGTERM for ${EXIT_TIMEOUT_MS} ms and was killed:\n${log}`);
      if (child.exitCode === null && child.signalCode === null) throw new Error('core is still running');
      return { code: child.exitCode, signal: child.signalCode };
    },
  };
}

/** `extraArgs` e.g. WebGL through SwiftShader for the map: ['--enable-unsafe-swiftshader', '--use-angle=swiftshader']. */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/**
 * A fresh context per test. The browser's time zone is deliberately not Vietnam's: the app must show
 * Asia/Ho_Chi_Minh time whatever the workstation is set to.
 */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1600, height: 900 },
    timezoneId: 'UTC',
    locale: 'vi-VN',
  });
  const page = await context.newPage();
  return { context, page };
}

export function resultsPath(file: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return join(RESULTS_DIR, file);
}
