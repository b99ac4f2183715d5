import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server, type Socket, connect } from 'node:net';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { bundledArgs } from '../integration/bundled-entry';
import { DEMO_PASSWORD, REPO_ROOT } from './harness';

/** Helpers of the cases e2e files: the central server as its own process, a cuttable link to it, Open311 posts. */
export const ENROL_SECRET = 'bi-mat-e2e-phan-anh-0123456789';
export const API_KEY = 'khoa-e2e-open311-0123456789';

export interface Central {
  url: string;
  stop(): Promise<void>;
}

/** The central server as its own process on loopback; `port` 0 picks one, a number restarts it where it was. */
export async function startCentral(dbFile: string, port: number): Promise<Central> {
  const child: ChildProcess = spawn(
    process.execPath,
    // The esbuild bundle of the sources (tests/integration/bundled-entry.ts), not tsx: cheaper under load.
    await bundledArgs('server', ['--port', String(port), '--db', dbFile]),
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
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`central not ready:\n${out}`))), 120_000);
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

export interface Link {
  /** Where the workstation connects: `http://127.0.0.1:<port>`. */
  url: string;
  /** Cuts the link: open connections are destroyed and nothing listens any more (the network is down). */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
}

/**
 * A TCP relay between the workstation and the central server: cutting it takes the workstation offline while the
 * central server (and its agency inbox) keeps running for everyone else.
 */
export async function startLink(target: string): Promise<Link> {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const s = createServer((inbound) => {
        const outbound = connect(Number(targetPort), hostname);
        for (const socket of [inbound, outbound]) {
          sockets.add(socket);
          socket.once('close', () => sockets.delete(socket));
          socket.on('error', () => {
            inbound.destroy();
            outbound.destroy();
          });
        }
        inbound.pipe(outbound).pipe(inbound);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        resolve((s.address() as { port: number }).port);
      });
    });
  const port = await listen(0);
  return {
    url: `http://127.0.0.1:${port}`,
    async cut() {
      const s = server;
      server = null;
      for (const socket of sockets) socket.destroy();
      if (s) await new Promise<void>((done) => s.close(() => done()));
    },
    async restore() {
      if (!server) await listen(port);
    },
  };
}

export interface Report {
  description: string;
  lat?: string;
  long?: string;
  address?: string;
}

/** A citizen's report through Open311 POST requests (the citizen app's path); returns its tracking code. */
export async function postReport(serverUrl: string, report: Report | string): Promise<string> {
  const r = typeof report === 'string' ? { description: report } : report;
  const body = new URLSearchParams({
    api_key: API_KEY,
    service_code: 'lighting',
    lat: r.lat ?? '10.4603',
    long: r.long ?? '105.6329',
    address_string: r.address ?? 'Đường Nguyễn Huệ, phường Cao Lãnh',
    'attribute[tinh_trang]': 'khong_sang',
    description: r.description,
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

export interface PublicUpdate {
  service_request_id: string;
  status: string;
  description: string;
  external_status_code: string;
}

/** What the central server published for a request (mySociety's servicerequestupdates). */
export async function publicUpdates(serverUrl: string, code: string, language = 'vi'): Promise<PublicUpdate[]> {
  const res = await fetch(`${serverUrl}/open311/v2/servicerequestupdates.json`, {
    headers: { 'accept-language': language },
  });
  expect(res.status).toBe(200);
  const updates = (await res.json()) as PublicUpdate[];
  return updates.filter((u) => u.service_request_id === code);
}

/** The detailed states the central server published for a request. */
export async function serverStates(serverUrl: string, code: string): Promise<string[]> {
  return (await publicUpdates(serverUrl, code)).map((u) => u.external_status_code);
}

/** Takes a lifecycle step in the workstation's case detail: its button, its fields, submit. */
export async function takeStep(page: Page, action: string, fields: Record<string, string>): Promise<void> {
  await page.getByTestId(`case-action-${action}`).click();
  for (const [field, value] of Object.entries(fields)) {
    const input = page.getByTestId(`case-field-${field}`);
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }
  await page.getByTestId('case-action-submit').click();
}

/** A citizen's report of a street light out, posted through Open311 with one photo or video; returns its code. */
export async function postReportWithMedia(
  serverUrl: string,
  description: string,
  media: { bytes: Buffer; mime: string; fileName: string },
): Promise<string> {
  const form = new FormData();
  const fields = {
    api_key: API_KEY,
    service_code: 'lighting',
    lat: '10.4603',
    long: '105.6329',
    address_string: 'Đường Nguyễn Huệ, phường Cao Lãnh',
    'attribute[tinh_trang]': 'khong_sang',
    description,
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('media', new Blob([new Uint8Array(media.bytes)], { type: media.mime }), media.fileName);
  const res = await fetch(`${serverUrl}/open311/v2/requests.json`, { method: 'POST', body: form });
  expect(res.status, await res.clone().text()).toBe(201);
  const [created] = (await res.json()) as { service_request_id: string }[];
  return created!.service_request_id;
}
