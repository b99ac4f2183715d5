import { describe, expect, it } from 'vitest';
import type { Layout, Tour, WallDisplay } from '../../../src-shared/contract/layouts';
import { DEFAULT_ALARM_POLICY } from '../../../src-shared/contract/layouts';
import { fillCameras, uniformGrid } from '../../../src-shared/domain/layout';
import { resolveShow } from './resolveShow';

const stamp = '2025-07-01T00:00:00.000Z';
const layout = (id: string, cameras: string[], side = 2): Layout => ({
  id,
  name: `Bố cục ${id}`,
  ...fillCameras(uniformGrid(side, side), cameras).grid,
  version: 1,
  createdAt: stamp,
  updatedAt: stamp,
  updatedBy: null,
});
const display = (source: WallDisplay['source'], tour: Partial<WallDisplay['tour']> = {}): WallDisplay => ({
  displayId: 'screen-0',
  source,
  tour: { running: false, startedAt: null, heldStep: null, ...tour },
  alarmPolicy: DEFAULT_ALARM_POLICY,
  alarm: null,
  version: 1,
  updatedAt: stamp,
  live: null,
});
const tour: Tour = {
  id: 't1',
  name: 'Tuần tra',
  layoutId: 'base',
  pinnedTiles: [0],
  steps: [
    { kind: 'cameras', cameraIds: ['c1', 'c2', 'c3', 'c4'], dwellSec: 10 },
    { kind: 'layout', layoutId: 'other', dwellSec: 5 },
  ],
  version: 1,
  createdAt: stamp,
  updatedAt: stamp,
  updatedBy: null,
};
const layouts = [layout('base', ['fixed']), layout('other', ['o1', 'o2', 'o3'], 3)];
const cams = (show: ReturnType<typeof resolveShow>) => show.grid?.tiles.map((t) => t.cameraId);

describe('what a wall shows', () => {
  it('shows the assigned layout, or says why it shows nothing', () => {
    const show = resolveShow(display({ kind: 'layout', layoutId: 'base' }), layouts, [], 0);
    expect(show).toMatchObject({ layoutId: 'base', layoutName: 'Bố cục base', problem: null, tour: null });
    expect(cams(show)).toEqual(['fixed', null, null, null]);
    expect(resolveShow(display(null), layouts, [], 0).problem).toBe('unassigned');
    expect(resolveShow(display({ kind: 'layout', layoutId: 'gone' }), layouts, [], 0).problem).toBe('missing_layout');
    expect(resolveShow(display({ kind: 'tour', tourId: 'gone' }), layouts, [tour], 0).problem).toBe('missing_tour');
  });

  it('walks a running tour by time, keeping pinned tiles', () => {
    const start = Date.parse(stamp);
    const running = display({ kind: 'tour', tourId: 't1' }, { running: true, startedAt: stamp });
    const first = resolveShow(running, layouts, [tour], start + 1_000);
    expect(first.tour).toMatchObject({ step: 0, steps: 2, running: true, remainingMs: 9_000 });
    expect(cams(first)).toEqual(['fixed', 'c1', 'c2', 'c3']);
    const second = resolveShow(running, layouts, [tour], start + 12_000);
    expect(second).toMatchObject({ layoutId: 'other', tour: { step: 1 } });
    expect(cams(second)).toEqual(['fixed', 'o2', 'o3', null, null, null, null, null, null]);
    expect(resolveShow(running, layouts, [tour], start + 15_000).tour?.step).toBe(0);
  });

  it('holds the step a stopped tour was stopped at', () => {
    const held = resolveShow(display({ kind: 'tour', tourId: 't1' }, { heldStep: 1 }), layouts, [tour], 0);
    expect(held.tour).toMatchObject({ step: 1, running: false, remainingMs: null });
  });
});
