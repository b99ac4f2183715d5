import { describe, expect, it } from 'vitest';
import {
  settleNumber,
  TILE_NUMBER_WINDOW_MS,
  typeDigit,
  waitsForSecondDigit,
  type PendingNumber,
} from './tileNumberEntry';

/** Types digits at the given times (ms) on a grid of `tiles`, as the wall does; returns what each step selects. */
function type(tiles: number, keys: readonly [digit: number, at: number][]) {
  let pending: PendingNumber | null = null;
  return keys.map(([digit, at]) => {
    const step = typeDigit(pending, digit, tiles, at);
    pending = step.pending;
    return step;
  });
}

describe('tile numbers typed on the digit keys', () => {
  it('selects at once on one digit on grids of up to 9 tiles, as before', () => {
    for (const tiles of [1, 4, 6, 9]) {
      for (let digit = 1; digit <= tiles; digit++) {
        expect(typeDigit(null, digit, tiles, 0)).toEqual({ select: digit - 1, pending: null, missing: null });
      }
    }
    // 1 then 2 quickly on a 3×3 is tile 1, then tile 2: nothing waits.
    expect(
      type(9, [
        [1, 0],
        [2, 100],
      ]).map((s) => s.select),
    ).toEqual([0, 1]);
    expect(typeDigit(null, 7, 4, 0)).toEqual({ select: null, pending: null, missing: 7 });
    expect(typeDigit(null, 0, 9, 0)).toEqual({ select: null, pending: null, missing: null });
  });

  it('takes two digits within the window as one number on a 4×4: 1, 2 → tile 12', () => {
    const [first, second] = type(16, [
      [1, 10_000],
      [2, 10_000 + TILE_NUMBER_WINDOW_MS - 1],
    ]);
    expect(first).toEqual({ select: null, pending: { digit: 1, at: 10_000 }, missing: null });
    expect(second).toEqual({ select: 11, pending: null, missing: null });
    expect(
      type(16, [
        [1, 0],
        [0, 300],
      ])[1]?.select,
    ).toBe(9);
    expect(
      type(16, [
        [1, 0],
        [6, 300],
      ])[1]?.select,
    ).toBe(15);
  });

  it('lets a first digit stand alone when the window ends or on Enter', () => {
    const [first] = type(16, [[1, 0]]);
    expect(settleNumber(first!.pending)).toEqual({ select: 0, pending: null, missing: null });
    expect(settleNumber(null)).toEqual({ select: null, pending: null, missing: null });
    // A second digit after the window (its timer late on a busy wall) starts a new number; the first stands.
    const late = type(25, [
      [1, 0],
      [2, TILE_NUMBER_WINDOW_MS],
    ]);
    expect(late[1]).toEqual({ select: 0, pending: { digit: 2, at: TILE_NUMBER_WINDOW_MS }, missing: null });
    expect(
      type(16, [
        [1, 0],
        [5, 5_000],
      ])[1],
    ).toEqual({ select: 4, pending: null, missing: null });
  });

  it('selects at once a digit no two-digit tile number can start with', () => {
    for (let digit = 2; digit <= 9; digit++) {
      expect(typeDigit(null, digit, 16, 0)).toEqual({ select: digit - 1, pending: null, missing: null });
    }
    expect(typeDigit(null, 7, 64, 0).select).toBe(6);
    expect(typeDigit(null, 6, 64, 0).pending).toEqual({ digit: 6, at: 0 });
    expect(
      type(64, [
        [6, 0],
        [4, 10],
      ])[1]?.select,
    ).toBe(63);
  });

  it('says so when the number has no tile, and selects nothing', () => {
    expect(
      type(16, [
        [1, 0],
        [7, 10],
      ])[1],
    ).toEqual({ select: null, pending: null, missing: 17 });
    expect(
      type(64, [
        [6, 0],
        [5, 10],
      ])[1],
    ).toEqual({ select: null, pending: null, missing: 65 });
    expect(typeDigit(null, 0, 16, 0)).toEqual({ select: null, pending: null, missing: null });
  });

  it('waits for a second digit only where a two-digit tile exists', () => {
    expect(waitsForSecondDigit(1, 9)).toBe(false);
    expect(waitsForSecondDigit(1, 10)).toBe(true);
    expect(waitsForSecondDigit(2, 16)).toBe(false);
    expect(waitsForSecondDigit(2, 20)).toBe(true);
    expect(waitsForSecondDigit(0, 64)).toBe(false);
  });
});
