import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CommandError, type EventName } from '../../../src-shared/contract';
import { fillCameras, uniformGrid } from '../../../src-shared/domain/layout';
import { openStore, type Store } from '../store';
import { createLayoutsService, type LayoutsService } from './service';

const actor = { userId: 'u-operator' };
const grid2 = () => fillCameras(uniformGrid(2, 2), ['cam-a', 'cam-b']).grid;

describe('layouts service', () => {
  let dir: string;
  let store: Store;
  let service: LayoutsService;
  let clock: number;
  let published: { event: EventName; payload: unknown }[];
  let audited: string[];

  beforeEach(() => {
    vi.useFakeTimers();
    clock = Date.parse('2025-07-01T02:00:00Z');
    vi.setSystemTime(clock);
    dir = mkdtempSync(join(tmpdir(), 'ioc-layouts-'));
    store = openStore({ path: join(dir, 'ioc.sqlite') });
    published = [];
    audited = [];
    let n = 0;
    service = createLayoutsService({
      store,
      publish: (event, payload) => void published.push({ event, payload }),
      audit: (entry) => void audited.push(`${entry.action} ${entry.subject}`),
      now: () => new Date(Date.now()),
      newId: () => `id-${++n}`,
    });
  });

  afterEach(async () => {
    service.dispose();
    await store.dispose();
    rmSync(dir, { recursive: true, force: true });
    vi.useRealTimers();
  });

  const errorCode = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return error instanceof CommandError ? error.code : 'not a CommandError';
    }
    return 'no error';
  };

  it('creates, lists, renames, duplicates and removes layouts, versioned and audited', () => {
    const a = service.layouts.save({ name: 'Ngã tư trung tâm', ...grid2() }, actor);
    expect(a).toMatchObject({ id: 'id-1', version: 1, cols: 2, rows: 2, updatedBy: 'u-operator' });
    expect(a.tiles.map((t) => t.cameraId)).toEqual(['cam-a', 'cam-b', null, null]);
    const b = service.layouts.save({ name: 'bến xe', ...uniformGrid(1, 1) }, actor);
    // Sorted by name without diacritics.
    expect(service.layouts.list().map((l) => l.name)).toEqual(['bến xe', 'Ngã tư trung tâm']);

    const renamed = service.layouts.rename(a.id, 'Trung tâm TP', 1, actor);
    expect(renamed).toMatchObject({ name: 'Trung tâm TP', version: 2 });
    const copy = service.layouts.duplicate(a.id, undefined, actor);
    expect(copy).toMatchObject({ name: 'Trung tâm TP (2)', version: 1 });
    expect(copy.tiles).toEqual(renamed.tiles);

    service.layouts.remove(b.id, actor);
    expect(service.layouts.list().map((l) => l.name)).toEqual(['Trung tâm TP', 'Trung tâm TP (2)']);
    expect(errorCode(() => service.layouts.get(b.id))).toBe('not_found');
    // The row stays as a tombstone for sync.
    expect(store.sqlite.prepare('SELECT deleted, version FROM wall_layouts WHERE id = ?').get(b.id)).toEqual({
      deleted: 1,
      version: 2,
    });
    expect(audited).toEqual([
      'layout.create id-1',
      'layout.create id-2',
      'layout.update id-1',
      'layout.duplicate id-3',
      'layout.remove id-2',
    ]);
    expect(published.filter((p) => p.event === 'layout.changed')).toHaveLength(5);
  });

  it('refuses a save that names an older version instead of overwriting it', () => {
    const a = service.layouts.save({ name: 'A', ...grid2() }, actor);
    service.layouts.save({ id: a.id, name: 'A', expectedVersion: 1, ...uniformGrid(3, 3) }, actor);
    expect(errorCode(() => service.layouts.save({ id: a.id, name: 'A', expectedVersion: 1, ...grid2() }, actor))).toBe(
      'conflict',
    );
    expect(service.layouts.get(a.id)).toMatchObject({ cols: 3, version: 2 });
    expect(errorCode(() => service.layouts.save({ id: 'nope', name: 'A', ...grid2() }, actor))).toBe('not_found');
  });

  it('names every display and tour that uses a layout in the refusal, for the client to word', () => {
    const a = service.layouts.save({ name: 'Ngã tư', ...grid2() }, actor);
    service.walls.assign('screen-0', { kind: 'layout', layoutId: a.id }, actor);
    service.walls.assign('screen-1', { kind: 'layout', layoutId: a.id }, actor);
    const tour = service.tours.save(
      { name: 'Ca đêm', layoutId: null, pinnedTiles: [], steps: [{ kind: 'layout', layoutId: a.id, dwellSec: 5 }] },
      actor,
    );
    service.walls.assign('screen-2', { kind: 'tour', tourId: tour.id }, actor);
    const refusal = (run: () => unknown): CommandError => {
      try {
        run();
      } catch (error) {
        if (error instanceof CommandError) return error;
      }
      throw new Error('not refused');
    };
    const layout = refusal(() => service.layouts.remove(a.id, actor));
    expect(layout.code).toBe('conflict');
    expect(layout.reason).toEqual({
      kind: 'in_use',
      item: 'layout',
      name: 'Ngã tư',
      users: [
        { kind: 'display', id: 'screen-0' },
        { kind: 'display', id: 'screen-1' },
        { kind: 'tour', name: 'Ca đêm' },
      ],
    });
    expect(layout.message).toBe(
      'The layout "Ngã tư" is in use by display screen-0, display screen-1, tour "Ca đêm"; change that first.',
    );
    expect(refusal(() => service.tours.remove(tour.id, actor)).reason).toEqual({
      kind: 'in_use',
      item: 'tour',
      name: 'Ca đêm',
      users: [{ kind: 'display', id: 'screen-2' }],
    });
    expect(service.layouts.get(a.id)).toMatchObject({ name: 'Ngã tư' });
  });

  it('assigns layouts and tours to displays; refuses to delete what a display or tour uses', () => {
    const a = service.layouts.save({ name: 'A', ...grid2() }, actor);
    const b = service.layouts.save({ name: 'B', ...grid2() }, actor);
    const shown = service.walls.assign('screen-0', { kind: 'layout', layoutId: a.id }, actor);
    expect(shown).toMatchObject({ displayId: 'screen-0', source: { kind: 'layout', layoutId: a.id }, version: 1 });
    expect(published.at(-1)).toMatchObject({ event: 'wall.changed', payload: { displayId: 'screen-0' } });
    expect(errorCode(() => service.layouts.remove(a.id, actor))).toBe('conflict');
    expect(errorCode(() => service.walls.assign('screen-1', { kind: 'layout', layoutId: 'gone' }, actor))).toBe(
      'not_found',
    );

    const tour = service.tours.save(
      {
        name: 'Tuần tra',
        layoutId: b.id,
        pinnedTiles: [0, 0],
        steps: [
          { kind: 'layout', layoutId: a.id, dwellSec: 5 },
          { kind: 'cameras', cameraIds: ['cam-c', 'cam-d'], dwellSec: 5 },
        ],
      },
      actor,
    );
    expect(tour).toMatchObject({ pinnedTiles: [0], version: 1 });
    expect(errorCode(() => service.layouts.remove(b.id, actor))).toBe('conflict');
    expect(
      errorCode(() =>
        service.tours.save(
          { name: 'x', layoutId: null, pinnedTiles: [], steps: [{ kind: 'layout', layoutId: 'gone', dwellSec: 5 }] },
          actor,
        ),
      ),
    ).toBe('not_found');

    const onTour = service.walls.assign('screen-1', { kind: 'tour', tourId: tour.id }, actor);
    expect(onTour.tour).toEqual({ running: true, startedAt: '2025-07-01T02:00:00.000Z', heldStep: null });
    // 7 s in, the second step (5 s + 5 s dwells) shows; stopping holds it, starting resumes there.
    vi.advanceTimersByTime(7_000);
    expect(service.walls.setTourRunning('screen-1', false, actor).tour).toEqual({
      running: false,
      startedAt: null,
      heldStep: 1,
    });
    vi.advanceTimersByTime(60_000);
    expect(service.walls.setTourRunning('screen-1', true, actor).tour).toEqual({
      running: true,
      startedAt: '2025-07-01T02:01:02.000Z',
      heldStep: null,
    });
    expect(errorCode(() => service.walls.setTourRunning('screen-0', true, actor))).toBe('conflict');
    expect(errorCode(() => service.tours.remove(tour.id, actor))).toBe('conflict');
    service.walls.assign('screen-1', null, actor);
    service.tours.remove(tour.id, actor);
    expect(service.walls.list().map((d) => d.displayId)).toEqual(['screen-0', 'screen-1']);
  });

  it('pops up the camera of a matching event with its linked cameras, then reverts by itself', () => {
    service.walls.setAlarmPolicy(
      'screen-0',
      { enabled: true, slot: 2, revertSec: 10, kinds: ['motion'], cameraIds: null, alertMinSeverity: null },
      actor,
    );
    service.walls.setAlarmPolicy(
      'screen-1',
      { enabled: true, slot: -1, revertSec: 10, kinds: ['tamper'], cameraIds: null, alertMinSeverity: null },
      actor,
    );
    expect(service.walls.setLinks('cam-a', ['cam-b', 'cam-a', 'cam-c', 'cam-b'], actor)).toEqual(['cam-b', 'cam-c']);
    const event = { cameraId: 'cam-a', topic: 'tns1:VideoSource/MotionAlarm', source: {}, at: '2025-07-01T02:00:00Z' };
    service.onCameraEvent({ ...event, kind: 'motion', active: false });
    expect(service.walls.get('screen-0').alarm).toBeNull();
    service.onCameraEvent({ ...event, kind: 'motion', active: true });
    const alarm = service.walls.get('screen-0').alarm;
    expect(alarm).toMatchObject({ cameraIds: ['cam-a', 'cam-b', 'cam-c'], revertAt: '2025-07-01T02:00:10.000Z' });
    expect(service.walls.get('screen-1').alarm).toBeNull();

    vi.advanceTimersByTime(5_000);
    service.onCameraEvent({ ...event, cameraId: 'cam-z', kind: 'motion', active: true });
    const grown = service.walls.get('screen-0').alarm;
    expect(grown).toMatchObject({ id: alarm!.id, cameraIds: ['cam-a', 'cam-b', 'cam-c', 'cam-z'] });
    expect(grown!.revertAt).toBe('2025-07-01T02:00:15.000Z');
    vi.advanceTimersByTime(9_999);
    expect(service.walls.get('screen-0').alarm).not.toBeNull();
    vi.advanceTimersByTime(1);
    expect(service.walls.get('screen-0').alarm).toBeNull();
    expect(published.at(-1)).toMatchObject({ event: 'wall.changed', payload: { displayId: 'screen-0', alarm: null } });
  });

  it('pops up the cameras that see a fresh, severe enough alert, and ignores old or mild ones', async () => {
    const cameras = [
      // Looking east from 100 m west of the alert: the alert is in its view.
      { id: 'cam-east', location: { lat: 10.46, lon: 105.6291 }, headingDeg: 90, fovDeg: 60, status: 'online' },
      // Looking away from it.
      { id: 'cam-away', location: { lat: 10.46, lon: 105.6291 }, headingDeg: 270, fovDeg: 60, status: 'online' },
    ];
    service.dispose();
    service = createLayoutsService({
      store,
      publish: (event, payload) => void published.push({ event, payload }),
      now: () => new Date(Date.now()),
      listCameras: () => Promise.resolve(cameras),
    });
    service.walls.setAlarmPolicy(
      'screen-0',
      { enabled: true, slot: -1, revertSec: 30, kinds: [], cameraIds: null, alertMinSeverity: 'major' },
      actor,
    );
    const stamp = new Date(Date.now()).toISOString();
    const alert = {
      id: 'a1',
      dedupeKey: 'flood:sensor-7',
      source: 'ngsi-ld',
      sourceId: 'sensor-7',
      type: 'flood',
      domain: 'drainage' as const,
      severity: 'critical' as const,
      state: 'active' as const,
      acknowledged: false,
      ackBy: null,
      ackAt: null,
      ackNote: null,
      firstSeenAt: stamp,
      lastSeenAt: stamp,
      clearedAt: null,
      clearReason: null,
      count: 1,
      value: 42,
      threshold: 30,
      unit: 'cm',
      title: 'Ngập sâu đường Lê Lợi',
      location: { type: 'Point' as const, coordinates: [105.63, 10.46] as [number, number] },
      suppressed: false,
      caseId: null,
      caseCode: null,
      lastChange: 'raised' as const,
      seq: 1,
    };
    await service.onAlertChanged({ kind: 'updated', alert });
    expect(service.walls.get('screen-0').alarm).toBeNull();
    await service.onAlertChanged({ kind: 'raised', alert: { ...alert, severity: 'minor' } });
    expect(service.walls.get('screen-0').alarm).toBeNull();
    const old = new Date(Date.now() - 10 * 60_000).toISOString();
    await service.onAlertChanged({ kind: 'raised', alert: { ...alert, lastSeenAt: old } });
    expect(service.walls.get('screen-0').alarm).toBeNull();
    await service.onAlertChanged({ kind: 'raised', alert });
    expect(service.walls.get('screen-0').alarm).toMatchObject({
      cameraIds: ['cam-east'],
      sources: [{ reason: 'alert', kind: 'alert', title: 'Ngập sâu đường Lê Lợi' }],
    });
  });

  it('leaves no revert timer behind when disposed with a pop-up open', () => {
    service.walls.popup({ displayId: 'screen-0', cameraIds: ['cam-x'], revertSec: 600 }, actor);
    expect(vi.getTimerCount()).toBe(1);
    service.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('closes a pop-up on acknowledgement, and only the one still open', () => {
    const [shown] = service.walls.popup({ displayId: 'screen-0', cameraIds: ['cam-x'], revertSec: 60 }, actor);
    const id = shown!.alarm!.id;
    expect(errorCode(() => service.walls.acknowledge('screen-0', 'other', actor))).toBe('not_found');
    expect(service.walls.acknowledge('screen-0', id, actor).alarm).toBeNull();
    expect(errorCode(() => service.walls.acknowledge('screen-0', id, actor))).toBe('not_found');
    // Pop-ups to "every display" go where pop-ups are on.
    expect(service.walls.popup({ cameraIds: ['cam-x'] }, actor)).toEqual([]);
  });

  it('keeps what a wall window reports for half a minute', () => {
    service.walls.report('screen-5', {
      layoutId: null,
      tourStep: null,
      alarmId: null,
      tiles: [{ cameraId: 'cam-a', state: 'playing' }],
    });
    expect(service.walls.list().map((d) => d.displayId)).toEqual(['screen-5']);
    expect(service.walls.get('screen-5').live?.tiles).toEqual([{ cameraId: 'cam-a', state: 'playing' }]);
    vi.advanceTimersByTime(31_000);
    expect(service.walls.get('screen-5').live).toBeNull();
    expect(service.walls.list()).toEqual([]);
  });

  it('survives a reopen of the database with everything it stored', async () => {
    const a = service.layouts.save({ name: 'A', ...grid2() }, actor);
    service.walls.assign('screen-0', { kind: 'layout', layoutId: a.id }, actor);
    service.walls.setLinks('cam-a', ['cam-b'], actor);
    service.dispose();
    await store.dispose();
    store = openStore({ path: join(dir, 'ioc.sqlite') });
    service = createLayoutsService({ store, publish: () => undefined });
    expect(service.layouts.get(a.id).tiles).toEqual(a.tiles);
    expect(service.walls.get('screen-0').source).toEqual({ kind: 'layout', layoutId: a.id });
    expect(service.walls.links('cam-a')).toEqual(['cam-b']);
  });
});
