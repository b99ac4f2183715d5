import { describe, expect, it } from 'vitest';
import { fillCameras, uniformGrid } from './edit';
import { chooseProfile } from './stream-choice';
import { cameraPages, cameraStepGrid, freeTileCount, gridForCount, pinOver, tourPosition } from './tour';

describe('tours', () => {
  it('derives the step from the start time, cycling through the dwells', () => {
    const dwells = [5, 10, 3];
    const at = (s: number) => tourPosition(dwells, 1_000_000, 1_000_000 + s * 1000);
    expect(at(0)).toEqual({ index: 0, round: 0, remainingMs: 5000 });
    expect(at(4.5).index).toBe(0);
    expect(at(5)).toEqual({ index: 1, round: 0, remainingMs: 10_000 });
    expect(at(15).index).toBe(2);
    expect(at(18)).toEqual({ index: 0, round: 1, remainingMs: 5000 });
    expect(tourPosition(dwells, 2_000, 1_000).index).toBe(0);
    expect(tourPosition([], 0, 99_999)).toEqual({ index: 0, round: 0, remainingMs: Infinity });
    // Dwells shorter than the minimum count as the minimum.
    expect(tourPosition([1, 1], 0, 2_999).index).toBe(0);
  });

  it('splits camera lists into pages and keeps pinned tiles', () => {
    expect(cameraPages(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    const base = fillCameras(uniformGrid(2, 2), ['fixed', 'x', 'y', 'z']).grid;
    expect(freeTileCount(base, [0])).toBe(3);
    expect(cameraStepGrid(base, [0], ['p', 'q']).tiles.map((t) => t.cameraId)).toEqual(['fixed', 'p', 'q', null]);
    expect(cameraStepGrid(null, [], ['p', 'q', 'r']).tiles.map((t) => t.cameraId)).toEqual(['p', 'q', 'r', null]);
    const shape = (n: number) => `${gridForCount(n).cols}×${gridForCount(n).rows}`;
    expect([0, 1, 2, 3, 4, 5, 7, 10, 64, 100].map(shape)).toEqual([
      '1×1',
      '1×1',
      '2×1',
      '2×2',
      '2×2',
      '3×2',
      '3×3',
      '4×3',
      '8×8',
      '8×8',
    ]);
    const step = fillCameras(uniformGrid(3, 1), ['s1', 's2', 's3']).grid;
    expect(pinOver(step, base, [0, 3]).tiles.map((t) => t.cameraId)).toEqual(['fixed', 's2', 's3']);
  });
});

describe('stream choice by tile size', () => {
  const sub = { width: 640, height: 360 };
  const pick = (widthPx: number, current: 'main' | 'sub' | null = null, maximised = false) =>
    chooseProfile({ widthPx, heightPx: (widthPx * 9) / 16, maximised, sub, hasMain: true, current });

  it('uses the sub stream in small tiles and main in large or maximised ones', () => {
    expect(pick(480)).toBe('sub'); // 4×4 on a 1920-pixel screen
    expect(pick(960)).toBe('main'); // 2×2
    expect(pick(300, null, true)).toBe('main');
  });

  it('does not flip near the threshold', () => {
    expect(pick(850, 'sub')).toBe('sub');
    expect(pick(850, 'main')).toBe('main');
    expect(pick(700, 'main')).toBe('sub');
  });

  it('keeps small tiles on the sub stream even when the camera advertises a tiny one', () => {
    const tiny = { width: 176, height: 144 };
    const choose = (widthPx: number, current: 'main' | 'sub' | null) =>
      chooseProfile({ widthPx, heightPx: (widthPx * 9) / 16, maximised: false, sub: tiny, hasMain: true, current });
    expect(choose(400, null)).toBe('sub'); // 4×4 on a 1600-pixel screen
    expect(choose(800, null)).toBe('main');
    expect(choose(650, 'main')).toBe('main');
    expect(choose(560, 'main')).toBe('sub');
  });

  it('plays what exists when a camera has only one stream', () => {
    expect(
      chooseProfile({ widthPx: 100, heightPx: 60, maximised: false, sub: null, hasMain: true, current: null }),
    ).toBe('main');
    expect(chooseProfile({ widthPx: 4000, heightPx: 2000, maximised: true, sub, hasMain: false, current: null })).toBe(
      'sub',
    );
  });
});
