/**
 * Tile numbers typed on the wall's digit keys. On a grid of up to 9 tiles a digit selects its tile at once, as it
 * always did. On a bigger grid (10…64 tiles) a digit that can start a two-digit tile number ("1" on a 4×4: tile 1
 * or 10…16) waits for a second digit for a short window: "1" then "2" selects tile 12; "1" alone selects tile 1
 * when the window ends or at once with Enter. A digit no two-digit number can follow ("5" on a 4×4) still selects
 * at once. Pure: the clock is passed in.
 */

/** How long a first digit waits for its second one. */
export const TILE_NUMBER_WINDOW_MS = 1_000;

/** A first digit waiting for a second one; `at`: when it was typed (ms on the caller's clock). */
export interface PendingNumber {
  digit: number;
  at: number;
}

export interface NumberStep {
  /** The tile index to select now, or null. */
  select: number | null;
  /** What waits for a second digit (shown and announced), or null. */
  pending: PendingNumber | null;
  /** A complete number that no tile has (announced), or null. */
  missing: number | null;
}

/** What the wall shows and announces while a number is typed: the first digit waiting, or a number no tile has. */
export type TileNumberNote = { kind: 'pending'; digit: number } | { kind: 'missing'; n: number };

const NOTHING: NumberStep = { select: null, pending: null, missing: null };

/** Whether a first digit has to wait: some tile number `digit·10 + n` exists on a grid of `tileCount` tiles. */
export function waitsForSecondDigit(digit: number, tileCount: number): boolean {
  return tileCount > 9 && digit >= 1 && digit * 10 <= tileCount;
}

/** One digit key (0…9) typed at `now`, after `pending` (null: none). */
export function typeDigit(
  pending: PendingNumber | null,
  digit: number,
  tileCount: number,
  now: number,
  windowMs = TILE_NUMBER_WINDOW_MS,
): NumberStep {
  if (pending && now - pending.at < windowMs) {
    const n = pending.digit * 10 + digit;
    return n <= tileCount ? { select: n - 1, pending: null, missing: null } : { ...NOTHING, missing: n };
  }
  // A first digit. One typed before, whose window ran out before its timer fired (a busy wall), stands as typed.
  const late = pending ? pending.digit - 1 : null;
  if (digit === 0) return { ...NOTHING, select: late };
  if (waitsForSecondDigit(digit, tileCount)) return { ...NOTHING, select: late, pending: { digit, at: now } };
  if (digit > tileCount) return { select: late, pending: null, missing: digit };
  return { ...NOTHING, select: digit - 1 };
}

/** The window ran out or Enter was pressed: the first digit stands as a one-digit tile number. */
export function settleNumber(pending: PendingNumber | null): NumberStep {
  return pending ? { ...NOTHING, select: pending.digit - 1 } : NOTHING;
}
