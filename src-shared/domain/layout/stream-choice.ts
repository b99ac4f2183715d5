export type StreamProfileChoice = 'main' | 'sub';

export interface ProfileChoiceInput {
  /** The tile's size on screen in device pixels. */
  widthPx: number;
  heightPx: number;
  /** Maximised (or full-screen) tiles always get the main stream. */
  maximised: boolean;
  /** Picture size of the camera's sub stream; null when it has none. */
  sub: { width: number; height: number } | null;
  hasMain: boolean;
  /** What the tile plays now, for hysteresis; null before it plays anything. */
  current: StreamProfileChoice | null;
}

/** Main once the tile is this many times the sub stream's picture (it would be visibly upscaled)… */
export const MAIN_ABOVE = 1.5;
/** …and back to sub only below this, so a tile near the threshold does not flip between streams. */
export const SUB_BELOW = 1.2;
/**
 * Whatever the camera says its sub stream is (captured profiles often advertise 176×144 or CIF for a feed that
 * is larger), a tile narrower than this never asks for the main stream; with hysteresis below it.
 */
export const MAIN_MIN_WIDTH_PX = 720;
export const SUB_MAX_WIDTH_PX = 600;

/**
 * Substream in small tiles, main stream when a tile is large or maximised (DESIGN.md §5), the way Nx and
 * Genetec pick by tile size: a wall of 16 sub streams decodes at a fraction of the cost of 16 main streams.
 */
export function chooseProfile(input: ProfileChoiceInput): StreamProfileChoice {
  if (!input.sub || input.sub.width <= 0 || input.sub.height <= 0) return 'main';
  if (!input.hasMain) return 'sub';
  if (input.maximised) return 'main';
  const scale = Math.max(input.widthPx / input.sub.width, input.heightPx / input.sub.height);
  if (input.current === 'main') return scale >= SUB_BELOW && input.widthPx >= SUB_MAX_WIDTH_PX ? 'main' : 'sub';
  return scale >= MAIN_ABOVE && input.widthPx >= MAIN_MIN_WIDTH_PX ? 'main' : 'sub';
}
