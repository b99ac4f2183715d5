// A case opened at a workstation with a camera picture, offline first: queued and shown at once as pending; when the
// central server comes up the picture is uploaded (resumable) before the commands, the case is created and the
// picture linked, and the server's row replaces the provisional one. A workstation stopped in the middle of the
// upload resumes it after a restart: one case, one upload, one attachment.
import { statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import { createServer as createNetServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { parseServerConfig } from '../../src-server/config';
import { silentLogger } from '../../src-server/logging/logger';
import { startCentralServer } from '../../src-server/server';
import { makeTempDir } from '../integration/tmp-dir';
import { jpegWithGps, sha256 } from '../server/attachments-media';
import { type TestDatabase, useDatabase } from '../server/databases';
import { TEST_API_KEY } from '../server/server-harness';
import {
  APP_ROOT,
  ENROL_SECRET,
  eventually,
  openWorkstation,
  OPERATOR,
  startSyncServer,
  TEST_PASSWORD,
  type TestWorkstation,
} from './harness';

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The central server on a port chosen before it runs: the workstation was pointed at it while it was down. */
function startCentralAt(db: TestDatabase, port: number) {
  const env = { IOC_SERVER_DB: db.arg, IOC_OPEN311_API_KEY: TEST_API_KEY, IOC_DEMO_PASSWORD: TEST_PASSWORD };
  const config = parseServerConfig(['--port', String(port)], { ...env, IOC_SYNC_ENROL_SECRET: ENROL_SECRET }, APP_ROOT);
  return startCentralServer(config, silentLogger);
}

interface CuttingProxy {
  url: string;
  /** Cut the next upload PATCH halfway (the server keeps what arrived); then drop every request until cleared. */
  cutNext: boolean;
  blocked: boolean;
  cuts: number;
  log: { method: string; path: string; offset: string | null }[];
  close(): Promise<void>;
}

/** Forwards requests to the server; can send only half of an upload's bytes and then drop both connections. */
async function startCuttingProxy(target: string): Promise<CuttingProxy> {
  const proxy: CuttingProxy = {
    url: '',
    cutNext: true,
    blocked: false,
    cuts: 0,
    log: [],
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (proxy.blocked) return void res.destroy();
      const body = Buffer.concat(chunks);
      const path = req.url ?? '/';
      const offset = req.headers['upload-offset'];
      proxy.log.push({ method: req.method ?? '', path, offset: typeof offset === 'string' ? offset : null });
      const upstream = new URL(path, target);
      const out = request(upstream, { method: req.method, headers: { ...req.headers, host: upstream.host } }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      out.on('error', () => res.destroy());
      if (proxy.cutNext && req.method === 'PATCH' && body.length > 1) {
        proxy.cutNext = false;
        proxy.blocked = true;
        proxy.cuts++;
        out.write(body.subarray(0, Math.floor(body.length / 2)));
        setTimeout(() => {
          out.destroy();
          res.destroy();
        }, 200);
        return;
      }
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  proxy.close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return proxy;
}

const photoCase = {
  serviceCode: 'traffic',
  description: 'Xe tải đỗ sai chỗ chắn lối lên cầu Cao Lãnh',
  lat: 10.4603,
  long: 105.6329,
  addressString: 'Cầu Cao Lãnh, phường 6',
};

function localRow(ws: TestWorkstation, id: string) {
  return ws.store.sqlite
    .prepare<
      [string],
      { code: string; change_seq: number; version: number }
    >('SELECT code, change_seq, version FROM case_mirror WHERE id = ?')
    .get(id);
}

describe('a case opened at the workstation with a snapshot', () => {
  const db = useDatabase('sqlite');
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it(
    'is queued offline, shown pending at once, then created with its picture when the server comes up',
    { timeout: 180_000 },
    async () => {
      const port = await freePort();
      const ws = openWorkstation(`http://127.0.0.1:${port}`);
      cleanup.push(() => ws.close());
      ws.sync.start();
      const photo = jpegWithGps(320, 240);
      const made = ws.cases.create(photoCase, OPERATOR, {
        bytes: photo,
        mime: 'image/jpeg',
        fileName: 'cam-3.jpg',
        caption: 'Ảnh từ camera 3',
      });

      // At once, offline: in the inbox (and its search) as pending, with the due date the server will set.
      const listed = ws.cases.list({ query: 'cau cao lanh', limit: 50, offset: 0 }, OPERATOR).items;
      expect(listed.map((c) => c.id)).toEqual([made.caseId]);
      expect(listed[0]).toMatchObject({ state: 'received', status: 'open', pending: 2, serviceCode: 'traffic' });
      expect(listed[0]!.serviceName).toMatch(/giao thông/i);
      const pendingDetail = ws.cases.get(made.caseId, OPERATOR);
      expect(pendingDetail).toMatchObject({ pending: 2, description: photoCase.description });
      expect(pendingDetail.timeline.map((e) => [e.action, e.pending, e.internalNote])).toEqual([
        ['receive', true, null],
        ['attach', true, 'Ảnh từ camera 3'],
      ]);
      await eventually(() => ws.sync.status().state === 'offline', 60_000, 'the offline state');
      expect(ws.sync.status().pending).toBe(2);
      const blob = ws.store.sqlite
        .prepare('SELECT size, uploaded_at FROM outbox_blobs WHERE sha256 = ?')
        .get(sha256(photo));
      expect(blob).toEqual({ size: photo.length, uploaded_at: null });

      const server = await startCentralAt(db(), port);
      cleanup.push(() => server.dispose());
      const serverCase = await eventually(
        () => server.database.db.selectFrom('cases').selectAll().where('id', '=', made.caseId).executeTakeFirst(),
        20_000,
        'the case on the server',
      );
      expect(serverCase).toMatchObject({
        channel: 'workstation',
        kind: 'centre_incident',
        description: photoCase.description,
      });
      const attachments = await eventually(async () => {
        const list = await server.attachments.listForCase(made.caseId, { publicOnly: false });
        return list.length > 0 ? list : null;
      }, 60_000);
      expect(attachments.map((a) => a.sha256)).toEqual([sha256(photo)]);
      expect(attachments[0]!.fileName).toBe('cam-3.jpg');

      // The server's row replaces the provisional one; nothing is left waiting.
      await eventually(
        () => (localRow(ws, made.caseId)?.change_seq ?? 0) > 0 && ws.sync.status().pending === 0,
        60_000,
      );
      expect(localRow(ws, made.caseId)).toMatchObject({ code: serverCase.code, version: serverCase.version });
      expect(ws.cases.list({ query: 'cau cao lanh', limit: 50, offset: 0 }, OPERATOR).items).toMatchObject([
        { id: made.caseId, code: serverCase.code, pending: 0 },
      ]);
      expect(ws.store.sqlite.prepare('SELECT count(*) FROM provisional_cases').pluck().get()).toBe(0);
      const timeline = ws.cases.get(made.caseId, OPERATOR).timeline;
      expect(timeline.map((e) => [e.action, e.pending])).toEqual([
        ['receive', false],
        ['attach', false],
      ]);
      const uploaded = ws.store.sqlite.prepare('SELECT uploaded_at FROM outbox_blobs').pluck().get();
      expect(uploaded).not.toBeNull();
      expect(ws.sync.conflicts.list(false)).toEqual([]);
    },
  );

  it(
    'resumes an upload cut halfway after a restart: one case, one upload, one attachment',
    { timeout: 180_000 },
    async () => {
      const t = await startSyncServer(db());
      cleanup.push(() => t.stop());
      const proxy = await startCuttingProxy(t.url);
      cleanup.push(() => proxy.close());
      const dir = makeTempDir('ioc-ws-resume-');
      cleanup.push(async () => dir.remove());

      let ws = openWorkstation(proxy.url, { dataDir: dir.dir });
      const photo = jpegWithGps(1280, 960);
      const made = ws.cases.create(photoCase, OPERATOR, { bytes: photo, mime: 'image/jpeg', fileName: 'cam-5.jpg' });
      ws.sync.start();
      await eventually(() => proxy.cuts === 1, 60_000, 'the cut upload');
      const open = (
        (await t.server.database.db
          .selectFrom('uploads' as never)
          .selectAll()
          .execute()) as {
          id: string;
          expected_sha256: string;
        }[]
      ).find((u) => u.expected_sha256 === sha256(photo));
      const part = join(t.server.attachments.store.tmpDir, `upload-${open!.id}.part`);
      await eventually(() => statSync(part, { throwIfNoEntry: false })?.size, 60_000, 'part of the file on the server');
      // Stopped in the middle: the server holds part of the file and no case.
      await ws.close(true);
      proxy.blocked = false;
      const uploadsOf = async () =>
        (
          (await t.server.database.db
            .selectFrom('uploads' as never)
            .selectAll()
            .execute()) as {
            state: string;
            expected_sha256: string;
          }[]
        ).filter((u) => u.expected_sha256 === sha256(photo));
      const partial = await uploadsOf();
      expect(partial).toHaveLength(1);
      expect(partial[0]).toMatchObject({ state: 'open' });
      expect(
        await t.server.database.db.selectFrom('cases').select('id').where('id', '=', made.caseId).execute(),
      ).toEqual([]);

      ws = openWorkstation(proxy.url, { dataDir: dir.dir });
      cleanup.push(() => ws.close(true));
      expect(ws.cases.list({ limit: 50, offset: 0 }, OPERATOR).items.map((c) => c.id)).toEqual([made.caseId]);
      ws.sync.start();
      await eventually(
        () => (localRow(ws, made.caseId)?.change_seq ?? 0) > 0 && ws.sync.status().pending === 0,
        60_000,
      );

      expect(await uploadsOf()).toEqual([expect.objectContaining({ state: 'complete' })]);
      // Resumed from the server's offset, not sent again from the start.
      const patches = proxy.log.filter((r) => r.method === 'PATCH');
      expect(patches.length).toBeGreaterThanOrEqual(2);
      expect(Number(patches.at(-1)!.offset)).toBeGreaterThan(0);
      expect(proxy.log.some((r) => r.method === 'HEAD')).toBe(true);

      const cases = await t.server.database.db.selectFrom('cases').select('id').where('id', '=', made.caseId).execute();
      expect(cases).toHaveLength(1);
      const linked = await t.server.attachments.listForCase(made.caseId, { publicOnly: false });
      expect(linked.map((a) => a.sha256)).toEqual([sha256(photo)]);
    },
  );

  it(
    'turns a file the server refuses into a conflict that says why, without holding up the queue',
    { timeout: 120_000 },
    async () => {
      const t = await startSyncServer(db());
      cleanup.push(() => t.stop());
      const ws = openWorkstation(t.url);
      cleanup.push(() => ws.close());
      const junk = Buffer.from('này không phải là ảnh JPEG '.repeat(40));
      const made = ws.cases.create(photoCase, OPERATOR, { bytes: junk, mime: 'image/jpeg', fileName: 'hong.jpg' });
      ws.cases.comment({ caseId: made.caseId, text: 'Đã báo đội tuần tra' }, OPERATOR);
      ws.sync.start();
      await eventually(() => ws.sync.status().pending === 0 && ws.sync.status().conflicts === 1, 60_000);
      const [conflict] = ws.sync.conflicts.list(false);
      expect(conflict).toMatchObject({ name: 'case.attach', code: 'media_missing', caseId: made.caseId });
      expect(conflict!.message).toMatch(/^hong\.jpg: /);
      expect(conflict!.message).toMatch(/JPEG|nhận dạng/);
      // The case and the later comment went through.
      const events = await t.server.database.db
        .selectFrom('case_events')
        .select('action')
        .where('case_id', '=', made.caseId)
        .orderBy('id')
        .execute();
      expect(events.map((e) => e.action)).toEqual(['receive', 'comment']);
    },
  );
});
