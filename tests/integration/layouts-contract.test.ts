// Layouts, tours and walls over the real contract (HTTP and WebSocket) of a real core with its SQLite file.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefusalReason, ServerMessage } from '../../src-shared/contract';
import type { Layout, WallDisplay } from '../../src-shared/contract/layouts';
import { startTestCore, type TestCore } from './core-harness';
import { openSocket } from './ws-client';

const tiles2x2 = (cameraIds: (string | null)[]) =>
  [0, 1, 2, 3].map((i) => ({ x: i % 2, y: Math.floor(i / 2), w: 1, h: 1, cameraId: cameraIds[i] ?? null }));

interface Reply<T> {
  ok: boolean;
  value: T;
  error: { code: string; message: string; issues?: { path: string; message: string }[]; reason?: RefusalReason };
}

describe('layouts, tours and walls over the contract', () => {
  let t: TestCore;
  let technician: string;
  let director: string;
  let police: string;
  const call = async <T>(command: string, body: unknown, token: string) => {
    const res = await t.rpc(command, body, token);
    return { status: res.status, ...(res.json as Reply<T>) };
  };

  beforeAll(async () => {
    t = await startTestCore();
    technician = await t.login('technician');
    director = await t.login('director');
    police = await t.login('police');
  });
  afterAll(async () => t?.stop());

  it('saves a layout and lists it for anyone who may view the wall', async () => {
    const saved = await call<Layout>(
      'layouts.save',
      { name: '  Ngã tư trung tâm ', cols: 2, rows: 2, tiles: tiles2x2(['cl-01', 'cl-02']) },
      technician,
    );
    expect(saved.status).toBe(200);
    expect(saved.value).toMatchObject({ name: 'Ngã tư trung tâm', version: 1, cols: 2, rows: 2 });
    const listed = await call<Layout[]>('layouts.list', {}, director);
    expect(listed.value.map((l) => l.id)).toContain(saved.value.id);
  });

  it('refuses tiles that overlap, leave holes or reach outside, saying which tile', async () => {
    const overlap = await call(
      'layouts.save',
      {
        name: 'x',
        cols: 2,
        rows: 2,
        tiles: [
          { x: 0, y: 0, w: 2, h: 2, cameraId: null },
          { x: 1, y: 1, w: 1, h: 1, cameraId: null },
        ],
      },
      technician,
    );
    expect(overlap.status).toBe(400);
    expect(overlap.error.issues?.[0]).toMatchObject({ path: 'tiles', message: 'tile 2 overlaps tile 1' });
    const hole = await call(
      'layouts.save',
      { name: 'x', cols: 2, rows: 2, tiles: tiles2x2([]).slice(0, 3) },
      technician,
    );
    expect(hole.error.issues?.[0]?.message).toBe('cell (2, 2) belongs to no tile');
    const outside = await call(
      'layouts.save',
      { name: 'x', cols: 9, rows: 1, tiles: [{ x: 0, y: 0, w: 9, h: 1, cameraId: null }] },
      technician,
    );
    expect(outside.status).toBe(400);
    const extra = await call('layouts.save', { name: 'x', cols: 1, rows: 1, tiles: [], colour: 'red' }, technician);
    expect(extra.status).toBe(400);
    expect((await call<Layout[]>('layouts.list', {}, technician)).value.map((l) => l.name)).not.toContain('x');
  });

  it('lets only roles with wall.configure change layouts and walls', async () => {
    const body = { name: 'Giám đốc', cols: 1, rows: 1, tiles: [{ x: 0, y: 0, w: 1, h: 1, cameraId: null }] };
    expect((await call('layouts.save', body, director)).status).toBe(403);
    expect((await call('walls.assign', { displayId: 'screen-0', source: null }, police)).status).toBe(403);
    expect((await call('walls.get', { displayId: 'screen-0' }, police)).status).toBe(200);
    expect((await call('walls.get', { displayId: '../etc' }, police)).status).toBe(400);
  });

  it('refuses a stale save with 409 and keeps the newer version', async () => {
    const first = await call<Layout>(
      'layouts.save',
      { name: 'Bến xe', cols: 1, rows: 1, tiles: [{ x: 0, y: 0, w: 1, h: 1, cameraId: 'a' }] },
      technician,
    );
    const id = first.value.id;
    const renamed = await call<Layout>('layouts.rename', { id, name: 'Bến xe khách', expectedVersion: 1 }, technician);
    expect(renamed.value.version).toBe(2);
    const stale = await call('layouts.rename', { id, name: 'Bến xe cũ', expectedVersion: 1 }, technician);
    expect(stale.status).toBe(409);
    expect((await call<Layout>('layouts.get', { id }, technician)).value.name).toBe('Bến xe khách');
  });

  it('tells every wall socket when a display changes, and refuses to delete what is shown', async () => {
    const layout = await call<Layout>(
      'layouts.save',
      { name: 'Màn hình 1', cols: 2, rows: 2, tiles: tiles2x2(['cl-03']) },
      technician,
    );
    const socket = await openSocket(t.url, police);
    try {
      expect((await socket.next()).t).toBe('hello');
      const assigned = await call<WallDisplay>(
        'walls.assign',
        { displayId: 'screen-0', source: { kind: 'layout', layoutId: layout.value.id } },
        technician,
      );
      expect(assigned.value.source).toEqual({ kind: 'layout', layoutId: layout.value.id });
      let event: ServerMessage;
      do event = await socket.next();
      while (event.t === 'event' && event.event !== 'wall.changed');
      expect(event).toMatchObject({ t: 'event', event: 'wall.changed', payload: { displayId: 'screen-0' } });

      const removal = await call('layouts.remove', { id: layout.value.id }, technician);
      expect(removal.status).toBe(409);
      expect(removal.error.message).toContain('screen-0');
      // The refusal says what uses the layout in a form the client words in the user's language.
      expect(removal.error.reason).toEqual({
        kind: 'in_use',
        item: 'layout',
        name: 'Màn hình 1',
        users: [{ kind: 'display', id: 'screen-0' }],
      });
      await call('walls.assign', { displayId: 'screen-0', source: null }, technician);
      expect((await call('layouts.remove', { id: layout.value.id }, technician)).status).toBe(200);
      expect((await call('layouts.get', { id: layout.value.id }, technician)).status).toBe(404);
    } finally {
      socket.socket.close();
    }
  });

  it('pops cameras up on a display by hand and closes the pop-up on acknowledgement', async () => {
    await call(
      'walls.setAlarmPolicy',
      {
        displayId: 'screen-1',
        policy: { enabled: true, slot: -1, revertSec: 60, kinds: ['motion'], cameraIds: null },
      },
      technician,
    );
    // Anyone who watches the wall may push cameras to it (the alerts panel's "to the wall" button does).
    const popped = await call<WallDisplay[]>(
      'walls.popup',
      { cameraIds: ['cl-01', 'cl-02'], title: 'Ngập sâu đường Lê Lợi' },
      police,
    );
    expect(popped.value.map((d) => d.displayId)).toEqual(['screen-1']);
    const alarm = popped.value[0]!.alarm!;
    expect(alarm.cameraIds).toEqual(['cl-01', 'cl-02']);
    expect(alarm.sources[0]).toMatchObject({ reason: 'manual', title: 'Ngập sâu đường Lê Lợi' });
    const acked = await call<WallDisplay>('walls.acknowledge', { displayId: 'screen-1', alarmId: alarm.id }, police);
    expect(acked.value.alarm).toBeNull();
    expect((await call('walls.acknowledge', { displayId: 'screen-1', alarmId: alarm.id }, police)).status).toBe(404);
  });
});

describe('layouts after a restart', () => {
  it('are read back from the SQLite file by a new core', async () => {
    const first = await startTestCore();
    const { dataDir } = first;
    try {
      const token = await first.login('technician');
      const saved = await first.rpc(
        'layouts.save',
        { name: 'Sau khởi động lại', cols: 2, rows: 2, tiles: tiles2x2(['cl-01', null, null, 'cl-04']) },
        token,
      );
      expect(saved.status).toBe(200);
      const before = (await first.rpc('layouts.list', {}, token)).json as Reply<Layout[]>;
      await first.core.dispose();
      const second = await startTestCore(['--data-dir', dataDir]);
      try {
        const again = await second.rpc('layouts.list', {}, await second.login('technician'));
        expect((again.json as Reply<Layout[]>).value).toEqual(before.value);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
