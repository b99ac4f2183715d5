// Issue 5 §7: wall layouts and tours sync like cases — named commands applied once on the server, the server's
// copy mirrored to every workstation — over real HTTP, real SQLite files, and both server databases.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLayoutsService } from '../../src-main/services/layouts';
import { openStore } from '../../src-main/services/store';
import { makeTempDir } from '../integration/tmp-dir';
import { withSyncTables } from '../../src-server/sync/tables';
import { describeOnEachDatabase, useDatabase } from '../server/databases';
import {
  eventually,
  openWorkstation,
  OPERATOR,
  startSyncServer,
  type SyncTestServer,
  type TestWorkstation,
} from './harness';

const ACTOR = { userId: OPERATOR.userId, username: OPERATOR.username };
const grid = (cameraId: string | null) => ({
  cols: 2,
  rows: 1,
  tiles: [
    { x: 0, y: 0, w: 1, h: 1, cameraId: 'cam-cong-cho' },
    { x: 1, y: 0, w: 1, h: 1, cameraId },
  ],
});

describeOnEachDatabase('wall layouts and tours through sync', (dialect) => {
  const db = useDatabase(dialect);
  let t: SyncTestServer;
  const open: TestWorkstation[] = [];
  const workstation = (...args: Parameters<typeof openWorkstation>) => {
    const w = openWorkstation(...args);
    open.push(w);
    return w;
  };
  const serverItem = (id: string) =>
    withSyncTables(t.server.database.db)
      .selectFrom('wall_items')
      .select(['kind', 'name', 'version', 'deleted', 'body'])
      .where('id', '=', id)
      .executeTakeFirst();
  const named = (w: TestWorkstation, id: string) => w.layouts.layouts.list().find((l) => l.id === id);

  beforeAll(async () => {
    t = await startSyncServer(db());
  });
  afterAll(async () => {
    for (const w of open) await w.close();
    await t.stop();
  }, 180_000);

  it('shares a layout saved on one workstation with another: save, rename, duplicate, delete', async () => {
    const a = workstation(t.url);
    const b = workstation(t.url);
    a.sync.start();
    b.sync.start();
    const saved = a.layouts.layouts.save({ name: 'Cổng chợ Cao Lãnh', ...grid('cam-1') }, ACTOR);
    expect(saved).toMatchObject({ version: 1, name: 'Cổng chợ Cao Lãnh' });
    expect(a.events.some((e) => e.event === 'layout.changed')).toBe(true);
    const onB = await eventually(() => named(b, saved.id), 10_000, 'layout on B');
    expect(onB).toMatchObject({ name: 'Cổng chợ Cao Lãnh', version: 1, tiles: saved.tiles });
    expect(await serverItem(saved.id)).toMatchObject({ kind: 'layout', version: 1, deleted: 0 });

    a.layouts.layouts.rename(saved.id, 'Chợ Cao Lãnh', 1, ACTOR);
    await eventually(() => named(b, saved.id)?.name === 'Chợ Cao Lãnh', 10_000, 'rename on B');
    expect(named(b, saved.id)?.version).toBe(2);
    const copy = a.layouts.layouts.duplicate(saved.id, 'Chợ Cao Lãnh (đêm)', ACTOR);
    await eventually(() => named(b, copy.id), 10_000, 'copy on B');

    a.layouts.layouts.remove(saved.id, ACTOR);
    expect(named(a, saved.id)).toBeUndefined();
    await eventually(() => named(b, saved.id) === undefined, 10_000, 'delete on B');
    expect(await serverItem(saved.id)).toMatchObject({ deleted: 1, version: 3 });
    await eventually(() => a.sync.status().pending === 0 && b.sync.status().pending === 0);
    // The view settles on the server's rows: the same versions everywhere.
    expect(named(a, copy.id)?.version).toBe(1);
    expect(named(b, copy.id)?.version).toBe(1);
  });

  it('shares tours that step through shared layouts', async () => {
    const a = workstation(t.url);
    const b = workstation(t.url);
    a.sync.start();
    b.sync.start();
    const layout = a.layouts.layouts.save({ name: 'Ngã tư Hùng Vương', ...grid(null) }, ACTOR);
    const tour = a.layouts.tours.save(
      {
        name: 'Tuần tra tối',
        layoutId: layout.id,
        pinnedTiles: [0],
        steps: [
          { kind: 'layout', layoutId: layout.id, dwellSec: 20 },
          { kind: 'cameras', cameraIds: ['cam-2'], dwellSec: 15 },
        ],
      },
      ACTOR,
    );
    const onB = await eventually(() => b.layouts.tours.list().find((x) => x.id === tour.id), 10_000, 'tour on B');
    expect(onB).toMatchObject({ name: 'Tuần tra tối', layoutId: layout.id, pinnedTiles: [0], steps: tour.steps });
    // A synced delete of a layout the tour uses is refused with the reason the client words (the tour's name).
    expect(() => a.layouts.layouts.remove(layout.id, ACTOR)).toThrow(
      expect.objectContaining({
        code: 'conflict',
        reason: {
          kind: 'in_use',
          item: 'layout',
          name: 'Ngã tư Hùng Vương',
          users: [{ kind: 'tour', name: 'Tuần tra tối' }],
        },
      }),
    );
    a.layouts.tours.remove(tour.id, ACTOR);
    await eventually(() => !b.layouts.tours.list().some((x) => x.id === tour.id), 10_000, 'tour removed on B');
  });

  it('keeps working offline and catches up both ways on reconnect', async () => {
    const a = workstation(t.url);
    const b = workstation(t.url);
    a.sync.start();
    b.sync.start();
    const first = a.layouts.layouts.save({ name: 'Bến xe Sa Đéc', ...grid('cam-3') }, ACTOR);
    await eventually(() => named(b, first.id), 10_000, 'layout on B');
    await b.close(true);

    // B offline: its edit shows at once and waits in the outbox; meanwhile A saves another layout.
    const b2 = workstation(t.url, { dataDir: b.dataDir });
    const edited = b2.layouts.layouts.save({ id: first.id, name: 'Bến xe Sa Đéc (mới)', ...grid(null) }, ACTOR);
    expect(edited.version).toBe(2);
    expect(b2.sync.status().pending).toBe(1);
    const fromA = a.layouts.layouts.save({ name: 'Cầu Cao Lãnh', ...grid('cam-4') }, ACTOR);
    await eventually(() => a.sync.status().pending === 0);

    b2.sync.start();
    await eventually(() => named(b2, fromA.id), 10_000, 'A’s layout on B after reconnect');
    await eventually(() => named(a, first.id)?.name === 'Bến xe Sa Đéc (mới)', 10_000, 'B’s edit on A');
    expect(b2.sync.status()).toMatchObject({ pending: 0, conflicts: 0 });
    expect(named(b2, first.id)).toMatchObject({ version: 2, tiles: grid(null).tiles });
  });

  it('sends a stale concurrent edit to the conflicts inbox; retrying it there makes it win', async () => {
    const a = workstation(t.url);
    const b = workstation(t.url);
    a.sync.start();
    b.sync.start();
    const layout = a.layouts.layouts.save({ name: 'Quảng trường', ...grid('cam-5') }, ACTOR);
    await eventually(() => named(b, layout.id), 10_000, 'layout on B');
    await b.close(true);

    // Both edit version 1: A reaches the server first.
    a.layouts.layouts.rename(layout.id, 'Quảng trường (A)', 1, ACTOR);
    await eventually(() => a.sync.status().pending === 0);
    const b2 = workstation(t.url, { dataDir: b.dataDir });
    b2.layouts.layouts.rename(layout.id, 'Quảng trường (B)', 1, ACTOR);
    expect(named(b2, layout.id)?.name).toBe('Quảng trường (B)');
    b2.sync.start();
    await eventually(() => b2.sync.status().conflicts === 1, 10_000, 'conflict');
    const [conflict] = b2.sync.conflicts.list(false);
    expect(conflict).toMatchObject({ name: 'layout.save', code: 'stale_version' });
    // The view lets go of the refused edit and shows the server's.
    await eventually(() => named(b2, layout.id)?.name === 'Quảng trường (A)', 10_000, 'server state on B');
    expect(await serverItem(layout.id)).toMatchObject({ name: 'Quảng trường (A)', version: 2 });

    b2.sync.conflicts.resolve(conflict!.id, 'retry', ACTOR);
    b2.sync.kick();
    await eventually(() => named(a, layout.id)?.name === 'Quảng trường (B)', 10_000, 'retried edit on A');
    expect(await serverItem(layout.id)).toMatchObject({ name: 'Quảng trường (B)', version: 3 });
  });

  it('lets a delete win over an edit made offline elsewhere', async () => {
    const a = workstation(t.url);
    const b = workstation(t.url);
    a.sync.start();
    b.sync.start();
    const layout = a.layouts.layouts.save({ name: 'Chợ Hồng Ngự', ...grid(null) }, ACTOR);
    await eventually(() => named(b, layout.id), 10_000, 'layout on B');
    await b.close(true);
    const b2 = workstation(t.url, { dataDir: b.dataDir });
    b2.layouts.layouts.rename(layout.id, 'Chợ Hồng Ngự (sửa)', 1, ACTOR);
    a.layouts.layouts.remove(layout.id, ACTOR);
    await eventually(() => a.sync.status().pending === 0);

    b2.sync.start();
    await eventually(() => b2.sync.status().conflicts === 1, 10_000, 'conflict');
    expect(b2.sync.conflicts.list(false)[0]).toMatchObject({ name: 'layout.save', code: 'deleted' });
    await eventually(() => named(b2, layout.id) === undefined, 10_000, 'gone on B');
    expect(await serverItem(layout.id)).toMatchObject({ deleted: 1, name: 'Chợ Hồng Ngự' });
  });

  it('shares the layouts a workstation held before it synced, once', async () => {
    const temp = makeTempDir('ioc-ws-');
    const store = openStore({ path: join(temp.dir, 'ioc.sqlite') });
    store.sqlite
      .prepare(
        `INSERT INTO users (id, username, display_name, password_hash, roles, sites, created_at)
         VALUES ('u-operator', 'operator', 'Trực ban', 'x', '["operator"]', '["*"]', 'now')`,
      )
      .run();
    const before = createLayoutsService({ store, publish: () => undefined });
    const old = before.layouts.save({ name: 'Bố cục cũ', ...grid('cam-8') }, { userId: 'u-operator' });
    before.dispose();
    await store.dispose();

    const a = workstation(t.url, { dataDir: temp.dir });
    expect(a.sync.status().pending).toBe(1);
    a.sync.start();
    await eventually(async () => (await serverItem(old.id))?.name === 'Bố cục cũ', 10_000, 'old layout on the server');
    await eventually(() => a.sync.status().pending === 0, 10_000, 'answered');
    await a.close(true);
    const again = workstation(t.url, { dataDir: temp.dir });
    expect(again.sync.status().pending).toBe(0);
    const b = workstation(t.url);
    b.sync.start();
    await eventually(() => named(b, old.id), 10_000, 'old layout on B');
  });

  it('applies its own queued edits in order on top of each other, and refuses a user without wall.configure', async () => {
    const a = workstation(t.url);
    // Offline: create, then edit twice before the server has seen any of it.
    const layout = a.layouts.layouts.save({ name: 'Phường 1', ...grid(null) }, ACTOR);
    a.layouts.layouts.rename(layout.id, 'Phường 1 (2)', 1, ACTOR);
    a.layouts.layouts.save({ id: layout.id, name: 'Phường 1 (3)', expectedVersion: 2, ...grid('cam-9') }, ACTOR);
    expect(named(a, layout.id)?.version).toBe(3);
    expect(() => a.layouts.layouts.rename(layout.id, 'cũ', 1, ACTOR)).toThrow(/changed by someone else/);
    const police = { userId: 'u-police', username: 'police' };
    const refused = a.layouts.layouts.save({ name: 'Không được', ...grid(null) }, police);
    a.sync.start();
    await eventually(() => a.sync.status().pending === 0 && a.sync.status().conflicts === 1, 10_000, 'answered');
    expect(await serverItem(layout.id)).toMatchObject({ name: 'Phường 1 (3)', version: 3 });
    expect(a.sync.conflicts.list(false)[0]).toMatchObject({ name: 'layout.save', code: 'forbidden' });
    await eventually(() => named(a, refused.id) === undefined, 10_000, 'refused create hidden');
    expect(named(a, layout.id)?.version).toBe(3);
  });
});
