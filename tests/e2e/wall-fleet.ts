// The demo camera fleet for the wall's end-to-end tests: the same cameras as `npm start` (resources/demo),
// started in this process so a test can restart the RTSP server, trigger motion and read PTZ positions.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { probeRtspSupport } from '../../sim/rtsp';
import { startDemoFleet, type DemoFleet } from '../../sim/fleet';
import { DEMO_PASSWORD, REPO_ROOT, type CoreProcess } from './harness';

export const FLEET_SUPPORT = await probeRtspSupport();

/** A camera of resources/demo/cameras.json, as much of it as the tests pick by. */
export interface DemoCameraEntry {
  id: string;
  ptz?: boolean;
  mainCodec?: string;
  motionEverySec?: number;
  [field: string]: unknown;
}

/**
 * Starts the demo fleet with its data in `dataDir`, with the cameras `pick` keeps (all by default). The streams
 * are made lighter than the demo's (sub 320×180 at 10 fps, main 640×360 at 12 fps) and the scheduled motion is
 * off: 16 encoders and 16 decoders share this machine's two cores with the rest of the suite, and alarms must
 * come only when a test triggers them.
 */
export async function startWallFleet(
  dataDir: string,
  pick: (cameras: DemoCameraEntry[]) => DemoCameraEntry[] = (cameras) => cameras,
): Promise<DemoFleet> {
  const demo = JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'demo', 'cameras.json'), 'utf8')) as {
    streams: Record<string, unknown>;
    cameras: DemoCameraEntry[];
  };
  const camerasFile = join(dataDir, 'wall-e2e-cameras.json');
  writeFileSync(
    camerasFile,
    JSON.stringify({
      ...demo,
      streams: {
        main: { width: 640, height: 360, fps: 12, bitrateKbps: 500 },
        sub: { width: 320, height: 180, fps: 10, bitrateKbps: 200 },
      },
      cameras: pick(demo.cameras).map(({ motionEverySec: _, ...camera }) => camera),
    }),
  );
  return startDemoFleet({ camerasFile, dataDir });
}

/** Contract calls over HTTP as one of the demo users, for setting up what the browser then shows. */
export async function rpcClient(baseUrl: string, username = 'operator') {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login ${username}: HTTP ${login.status}`);
  const { token } = (await login.json()) as { token: string };
  return async function call<T>(command: string, input: unknown): Promise<T> {
    const res = await fetch(`${baseUrl}/api/rpc/${command}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
    if (!body.ok) throw new Error(`${command}: ${body.error?.code} ${body.error?.message}`);
    return body.value as T;
  };
}

/**
 * Polls `read` until it gives a value. `what` may be a function: called on timeout, it makes the message show the
 * state at the end of the wait (a log's last lines), not at its start.
 */
export async function until<T>(
  read: () => Promise<T | null | false | undefined>,
  what: string | (() => string),
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    }
    await sleep(250);
  }
}

/** What a wall e2e file started in beforeAll; any of it may be missing when beforeAll failed part way. */
export interface WallFixture {
  contexts: readonly BrowserContext[];
  browser: Browser | undefined;
  core: CoreProcess | undefined;
  /** The simulated cameras and RTSP server (a demo fleet, or a camera and its feeds), disposed in this order. */
  simulators: readonly ({ dispose(): Promise<void> } | undefined)[];
  dataDir: string | undefined;
}

/**
 * The teardown of a wall e2e file: pages and browser, the core, the simulators, the data dir. Every step runs even
 * when an earlier one throws; the first error is thrown at the end. Fails when the core did not exit with code 0.
 */
export async function disposeWallFixture(fixture: WallFixture): Promise<void> {
  const errors: unknown[] = [];
  const step = async (action: () => Promise<unknown> | undefined) => {
    try {
      await action();
    } catch (error) {
      errors.push(error);
    }
  };
  for (const context of fixture.contexts) await context.close().catch(() => undefined);
  await step(() => fixture.browser?.close());
  let exit: Awaited<ReturnType<CoreProcess['stop']>> | undefined;
  await step(async () => (exit = await fixture.core?.stop()));
  for (const simulator of fixture.simulators) await step(() => simulator?.dispose());
  if (fixture.dataDir) rmSync(fixture.dataDir, { recursive: true, force: true });
  if (errors.length > 0) throw errors[0];
  expect(exit?.code, 'the core exits with code 0').toBe(0);
}

/**
 * Starts recording, in the page, whether any tile leaves `playing`; the returned check reads it. Watching from
 * before a camera restart matters: the native ingest can bring a tile back before a poll that starts after the
 * restart returns would see it stalled.
 */
export async function watchTilesLeavingPlaying(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    Reflect.set(window, '__iocTileLeftPlaying', false);
    new MutationObserver((records) => {
      for (const record of records) {
        const state = (record.target as Element).getAttribute('data-state');
        if (state !== null && state !== 'playing') Reflect.set(window, '__iocTileLeftPlaying', true);
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
  });
  return () => page.evaluate(() => Reflect.get(window, '__iocTileLeftPlaying') === true);
}
