import type { Display, OpenWallWindowSchema } from '../../src-shared/contract/shell';
import type { z } from 'zod';

export type WallWindowRequest = z.output<typeof OpenWallWindowSchema>;

export interface WallWindowPlacement {
  readonly displayId: string;
  readonly bounds: Display['bounds'];
  readonly kiosk: boolean;
}

export type WallPlacementResult =
  | { readonly ok: true; readonly placement: WallWindowPlacement }
  | { readonly ok: false; readonly reason: 'unknown_display' };

/** Where a wall window for `request.displayId` goes: exactly over that display's bounds. */
export function planWallWindow(displays: readonly Display[], request: WallWindowRequest): WallPlacementResult {
  const display = displays.find((candidate) => candidate.id === request.displayId);
  if (display === undefined) return { ok: false, reason: 'unknown_display' };
  return {
    ok: true,
    placement: { displayId: display.id, bounds: { ...display.bounds }, kiosk: request.kiosk },
  };
}

/** Wall windows whose display is gone: they must be closed, not left floating on another screen. */
export function orphanedWallDisplayIds(openDisplayIds: Iterable<string>, displays: readonly Display[]): string[] {
  const present = new Set(displays.map((display) => display.id));
  return [...openDisplayIds].filter((id) => !present.has(id));
}

/** Displays that went away with a wall on them and are back: their walls are reopened as they were. */
export function returnedDisplayIds(awaitedDisplayIds: Iterable<string>, displays: readonly Display[]): string[] {
  const present = new Set(displays.map((display) => display.id));
  return [...awaitedDisplayIds].filter((id) => present.has(id));
}

export function sameBounds(a: Display['bounds'], b: Display['bounds']): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
