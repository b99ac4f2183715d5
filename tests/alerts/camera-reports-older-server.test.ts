import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { CAMERA_REPORTS_PATH, CameraReportSchema } from '../../src-shared/contract/camera-reports';
import { makeTempDir } from '../integration/tmp-dir';
import { type TestReporter, testReporter } from './test-reporter';

/**
 * A central server from before camera keys validates reports with the contract of its day: the same strict schema
 * without `cameraKey`, so it refuses a report that carries one (400 invalid_input). The workstation must still get
 * its reports there (sent again without keys), not drop them.
 */
const OlderBatchSchema = z
  .object({
    origin: z.string().min(8).max(64),
    reports: z.array(CameraReportSchema.omit({ cameraKey: true }).strict()),
  })
  .strict();

interface OlderServer {
  url: string;
  taken: z.infer<typeof OlderBatchSchema>['reports'];
  refused: number;
  refuseEverything: boolean;
  close(): Promise<void>;
}

async function startOlderServer(): Promise<OlderServer> {
  const state = { taken: [] as OlderServer['taken'], refused: 0, refuseEverything: false };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url !== CAMERA_REPORTS_PATH) return reply(404, { ok: false, error: { code: 'not_found', message: '' } });
      const parsed = OlderBatchSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      if (!parsed.success || state.refuseEverything) {
        state.refused++;
        return reply(400, { ok: false, error: { code: 'invalid_input', message: 'Unrecognized key: "cameraKey"' } });
      }
      state.taken.push(...parsed.data.reports);
      const upTo = Math.max(...parsed.data.reports.map((r) => r.seq));
      reply(200, { ok: true, upTo, accepted: parsed.data.reports.length, duplicates: 0 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

let older: OlderServer;
const temp = makeTempDir('ioc-camrep-older-');
let open: TestReporter | null = null;
beforeAll(async () => {
  older = await startOlderServer();
});
afterEach(async () => {
  await open?.reporter.dispose();
  await open?.store.dispose();
  open = null;
});
afterAll(async () => {
  await older?.close();
  temp.remove();
});

function openWorkstation(file: string): TestReporter {
  open = testReporter({
    path: join(temp.dir, file),
    link: { serverUrl: older.url, authorization: () => 'Bearer device.secret' },
  });
  return open;
}

it('sends reports again without camera keys to a server that refuses them, and loses none', async () => {
  const { reporter } = openWorkstation('keys.sqlite');
  reporter.report({ cameraId: 'cam-1', event: { kind: 'motion', active: true } });
  reporter.report({ cameraId: 'cam-2', event: { kind: 'tamper', active: true } });
  await reporter.settled();
  await expect.poll(() => older.taken.map((r) => r.cameraId).sort(), { timeout: 15_000 }).toEqual(['cam-1', 'cam-2']);
  expect(older.refused).toBeGreaterThanOrEqual(1);
  expect(older.taken.every((r) => !('cameraKey' in r))).toBe(true);
  await expect.poll(() => reporter.waiting(), { timeout: 15_000 }).toBe(0);
});

it('still drops a batch the server refuses without keys too, so it cannot block the queue', async () => {
  older.refuseEverything = true;
  older.refused = 0;
  const { reporter } = openWorkstation('refused.sqlite');
  reporter.report({ cameraId: 'cam-3', event: { kind: 'motion', active: true } });
  await reporter.settled();
  await expect.poll(() => reporter.waiting(), { timeout: 15_000 }).toBe(0);
  expect(older.refused).toBe(2);
  older.refuseEverything = false;
});
