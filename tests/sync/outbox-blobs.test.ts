// The outbox's files (a camera picture attached to a new case) live on disk only while a command still needs them:
// deleted once the server has answered the command, kept while a conflict that can be sent again names them, and
// swept at start when no row or command wants them. Real files in a temp data folder, a real central server.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { plainJpeg, sha256 } from '../server/attachments-media';
import { describeOnEachDatabase, useDatabase } from '../server/databases';
import { makeTempDir } from '../integration/tmp-dir';
import {
  eventually,
  openWorkstation,
  OPERATOR,
  startSyncServer,
  type SyncTestServer,
  type TestWorkstation,
} from './harness';

const fileOf = (ws: TestWorkstation, sha: string) => join(ws.dataDir, 'outbox-media', sha.slice(0, 2), sha);
const blobRows = (ws: TestWorkstation) =>
  ws.store.sqlite.prepare('SELECT sha256 FROM outbox_blobs ORDER BY sha256').pluck().all() as string[];
const pendingCount = (ws: TestWorkstation) =>
  ws.store.sqlite.prepare("SELECT count(*) FROM outbox WHERE state = 'pending'").pluck().get() as number;

function newCase(ws: TestWorkstation, bytes: Buffer, siteId?: string) {
  return ws.cases.create(
    { serviceCode: 'traffic', description: 'Ùn tắc tại nút giao, ảnh từ camera', ...(siteId ? { siteId } : {}) },
    { ...OPERATOR, sites: ['*'] },
    { bytes, mime: 'image/jpeg', fileName: 'camera-3.jpg' },
  );
}

describeOnEachDatabase('outbox files once their commands are answered', (dialect) => {
  const db = useDatabase(dialect);
  let t: SyncTestServer;
  let ws: TestWorkstation | null = null;
  beforeAll(async () => {
    t = await startSyncServer(db());
  }, 30_000);
  afterEach(async () => {
    await ws?.close();
    ws = null;
  });
  afterAll(() => t.stop());

  function start(): TestWorkstation {
    ws = openWorkstation(t.url);
    ws.store.sqlite
      .prepare("INSERT INTO sites (id, name, name_folded) VALUES ('cao-lanh', 'Cao Lãnh', 'cao lanh')")
      .run();
    return ws;
  }

  it('deletes the row and the file after the server applied the command', async () => {
    const w = start();
    const photo = plainJpeg(320, 240);
    newCase(w, photo, 'cao-lanh');
    expect(blobRows(w)).toEqual([sha256(photo)]);
    expect(existsSync(fileOf(w, sha256(photo)))).toBe(true);
    w.sync.start();
    await eventually(() => pendingCount(w) === 0 && blobRows(w).length === 0, 20_000, 'commands answered');
    expect(existsSync(fileOf(w, sha256(photo)))).toBe(false);
    const states = w.store.sqlite.prepare('SELECT name, state FROM outbox ORDER BY seq').all();
    expect(states).toEqual([
      { name: 'case.create', state: 'applied' },
      { name: 'case.attach', state: 'applied' },
    ]);
  });

  it('deletes a file the server refused once its conflict is recorded, with the reason kept', async () => {
    const w = start();
    const junk = Buffer.from('không phải ảnh, chỉ là chữ '.repeat(20));
    newCase(w, junk);
    w.sync.start();
    await eventually(() => w.sync.conflicts.count() === 1 && pendingCount(w) === 0, 20_000, 'conflict');
    const [conflict] = w.sync.conflicts.list(false);
    expect(conflict).toMatchObject({ name: 'case.attach', code: 'media_missing' });
    expect(conflict!.message).toContain('camera-3.jpg');
    expect(blobRows(w)).toEqual([]);
    expect(existsSync(fileOf(w, sha256(junk)))).toBe(false);
  });

  it('keeps a file its open conflict may send again, and frees it when the conflict is discarded', async () => {
    const w = start();
    // A site this workstation knows and the server does not: the case is refused, so is the picture's link.
    w.store.sqlite.prepare("INSERT INTO sites (id, name, name_folded) VALUES ('site-moi', 'Mới', 'moi')").run();
    const photo = plainJpeg(300, 200);
    newCase(w, photo, 'site-moi');
    w.sync.start();
    await eventually(() => w.sync.conflicts.count() === 2 && pendingCount(w) === 0, 20_000, 'conflicts');
    const codes = w.sync.conflicts.list(false).map((c) => [c.name, c.code]);
    expect(codes.sort()).toEqual([
      ['case.attach', 'not_found'],
      ['case.create', 'unknown_site'],
    ]);
    expect(blobRows(w)).toEqual([sha256(photo)]);
    expect(existsSync(fileOf(w, sha256(photo)))).toBe(true);
    // The queue is not wedged: a later case goes through.
    newCase(w, plainJpeg(200, 100));
    await eventually(() => pendingCount(w) === 0 && blobRows(w).length === 1, 20_000, 'later case applied');
    for (const c of w.sync.conflicts.list(false)) w.sync.conflicts.resolve(c.id, 'discard', OPERATOR);
    expect(blobRows(w)).toEqual([]);
    expect(existsSync(fileOf(w, sha256(photo)))).toBe(false);
  });
});

describe('outbox files at start', () => {
  const temp = makeTempDir('ioc-blobs-');
  afterAll(() => temp.remove());

  it('sweeps files with no row, half-written files, and rows no command names; keeps what a command needs', async () => {
    const dataDir = join(temp.dir, 'ws');
    mkdirSync(dataDir);
    const first = openWorkstation(null, { dataDir });
    const kept = plainJpeg(120, 90);
    newCase(first, kept);
    // A row whose command is gone (queued by a build that lost it), and its file.
    const stale = plainJpeg(100, 80);
    const staleSha = first.sync.storeBlob(stale).sha256;
    first.sync.stageBlob({ sha256: staleSha, size: stale.length, mime: 'image/jpeg', fileName: 'cu.jpg' });
    // A file stored just before a crash, whose commands were never queued, and a half-written one.
    const orphan = plainJpeg(90, 60);
    const orphanSha = first.sync.storeBlob(orphan).sha256;
    const media = join(dataDir, 'outbox-media');
    writeFileSync(join(media, '.in-0123456789abcdef'), 'half');
    await first.close(true);

    const again = openWorkstation(null, { dataDir });
    try {
      expect(blobRows(again)).toEqual([sha256(kept)]);
      expect(existsSync(fileOf(again, sha256(kept)))).toBe(true);
      expect(existsSync(fileOf(again, staleSha))).toBe(false);
      expect(existsSync(fileOf(again, orphanSha))).toBe(false);
      expect(readdirSync(media).filter((n) => n.startsWith('.in-'))).toEqual([]);
      expect(pendingCount(again)).toBe(2);
    } finally {
      await again.close(true);
    }
  });
});
