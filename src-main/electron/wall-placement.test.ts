import { describe, expect, it } from 'vitest';
import { DisplaySchema } from '../../src-shared/contract/shell';
import { toShellDisplays } from './displays';
import { orphanedWallDisplayIds, planWallWindow, returnedDisplayIds, sameBounds } from './wall-placement';

const electronDisplays = [
  { id: 1, label: 'DELL U2720Q', bounds: { x: 0, y: 0, width: 2560, height: 1440 }, scaleFactor: 1.5 },
  { id: 2779098405, label: '', bounds: { x: 2560, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 },
];

describe('toShellDisplays', () => {
  it('maps Electron displays to contract displays', () => {
    const displays = toShellDisplays(electronDisplays, 1);
    for (const display of displays) expect(DisplaySchema.parse(display)).toEqual(display);
    expect(displays).toEqual([
      {
        id: '1',
        label: 'DELL U2720Q',
        primary: true,
        bounds: { x: 0, y: 0, width: 2560, height: 1440 },
        scaleFactor: 1.5,
      },
      {
        id: '2779098405',
        label: 'Display 2 (1920×1080)',
        primary: false,
        bounds: { x: 2560, y: 0, width: 1920, height: 1080 },
        scaleFactor: 1,
      },
    ]);
  });
});

describe('planWallWindow', () => {
  const displays = toShellDisplays(electronDisplays, 1);

  it('covers the requested display exactly', () => {
    expect(planWallWindow(displays, { displayId: '2779098405', kiosk: true })).toEqual({
      ok: true,
      placement: { displayId: '2779098405', bounds: { x: 2560, y: 0, width: 1920, height: 1080 }, kiosk: true },
    });
  });

  it('refuses an unknown display', () => {
    expect(planWallWindow(displays, { displayId: '3', kiosk: false })).toEqual({
      ok: false,
      reason: 'unknown_display',
    });
  });

  it('does not share bounds objects with the display list', () => {
    const plan = planWallWindow(displays, { displayId: '1', kiosk: false });
    if (!plan.ok) throw new Error('expected a placement');
    expect(plan.placement.bounds).not.toBe(displays[0]?.bounds);
  });
});

describe('orphanedWallDisplayIds', () => {
  it('lists wall windows whose display is gone', () => {
    const displays = toShellDisplays([electronDisplays[0]!], 1);
    expect(orphanedWallDisplayIds(['1', '2779098405'], displays)).toEqual(['2779098405']);
    expect(orphanedWallDisplayIds([], displays)).toEqual([]);
  });
});

describe('sameBounds', () => {
  it('compares all four numbers', () => {
    const a = { x: 0, y: 0, width: 10, height: 10 };
    expect(sameBounds(a, { ...a })).toBe(true);
    expect(sameBounds(a, { ...a, height: 11 })).toBe(false);
    expect(sameBounds(a, { ...a, x: 1 })).toBe(false);
  });
});

describe('returnedDisplayIds', () => {
  it('lists awaited displays that are present again', () => {
    const displays = toShellDisplays(electronDisplays, 1);
    expect(returnedDisplayIds(['2779098405', '99'], displays)).toEqual(['2779098405']);
    expect(returnedDisplayIds([], displays)).toEqual([]);
  });
});
