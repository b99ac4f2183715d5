import { describe, expect, it } from 'vitest';
import {
  catchUp,
  JUMP_ABOVE_SEC,
  KEY_JUMP_EXCESS_SEC,
  KEY_SEEK_INTO_SEC,
  LIVE_TARGET_SEC,
  MAX_RATE,
  NORMAL_MARGIN_SEC,
  SPEED_UP_MARGIN_SEC,
  trimRange,
} from './liveEdge';

describe('live edge', () => {
  it('jumps to the edge when outside the buffer or far behind', () => {
    expect(catchUp({ currentTime: 0, start: 120, end: 121, playbackRate: 1 })).toEqual({
      seekTo: 121 - LIVE_TARGET_SEC,
      rate: 1,
    });
    expect(
      catchUp({ currentTime: 10, start: 5, end: 10 + JUMP_ABOVE_SEC + 0.1, playbackRate: 1.3 }).seekTo,
    ).toBeCloseTo(12.1 - LIVE_TARGET_SEC);
    // The jump lands at the target the caller gives, not at the default.
    expect(catchUp({ currentTime: 0, start: 120, end: 121, playbackRate: 1 }, 0.3).seekTo).toBeCloseTo(120.7);
  });

  it('plays faster when somewhat behind, up to a cap, and back to normal near the edge', () => {
    const behind = catchUp({ currentTime: 10, start: 0, end: 10.8, playbackRate: 1 });
    expect(behind.seekTo).toBeNull();
    expect(behind.rate).toBeGreaterThan(1);
    expect(catchUp({ currentTime: 10, start: 0, end: 11.9, playbackRate: 1 }).rate).toBe(MAX_RATE);
    expect(catchUp({ currentTime: 10, start: 0, end: 10.05, playbackRate: 1.4 }).rate).toBe(1);
    // A steady lag of a quarter second is no longer tolerated with the default target.
    expect(catchUp({ currentTime: 10, start: 0, end: 10.25, playbackRate: 1 }).rate).toBeGreaterThan(1);
    // Between the thresholds the current rate holds, so it does not flutter.
    const between = 10 + LIVE_TARGET_SEC + (NORMAL_MARGIN_SEC + SPEED_UP_MARGIN_SEC) / 2;
    expect(catchUp({ currentTime: 10, start: 0, end: between, playbackRate: 1.2 }).rate).toBe(1.2);
    expect(catchUp({ currentTime: 10, start: 0, end: between, playbackRate: 1 }).rate).toBe(1);
    expect(catchUp({ currentTime: 0, start: 0, end: 0, playbackRate: 1 })).toEqual({ seekTo: null, rate: 1 });
  });

  it('moves its thresholds with the target: a raised target tolerates the lag it asked for', () => {
    expect(catchUp({ currentTime: 10, start: 0, end: 10.25, playbackRate: 1 }, 0.3).rate).toBe(1);
    expect(catchUp({ currentTime: 10, start: 0, end: 10.5, playbackRate: 1 }, 0.3).rate).toBeGreaterThan(1);
  });

  it('a tile behind with a key frame ahead in the buffer jumps to that key frame, not to a point inside a GOP', () => {
    // Half a second behind, the newest key frame 0.05 s before the end: jump onto it (nothing to decode before).
    const behind = { currentTime: 10, start: 0, end: 10.5, playbackRate: 1, keyStart: 10.45 };
    expect(catchUp(behind)).toEqual({ seekTo: 10.45 + KEY_SEEK_INTO_SEC, rate: 1 });
    // Far behind (the old edge jump) it also lands on the key frame rather than at end − target.
    expect(catchUp({ ...behind, end: 13, keyStart: 12.4 }).seekTo).toBeCloseTo(12.4 + KEY_SEEK_INTO_SEC);
    // Within the excess the player only plays faster; a key frame just ahead is not worth a jump.
    const slightly = 10 + LIVE_TARGET_SEC + KEY_JUMP_EXCESS_SEC - 0.05;
    expect(catchUp({ ...behind, end: slightly, keyStart: slightly - 0.04 }).seekTo).toBeNull();
    expect(catchUp({ ...behind, keyStart: 10.1 }).seekTo).toBeNull();
    // A key frame behind the playhead, outside the buffer or unknown: as before (no jump under 2 s).
    expect(catchUp({ ...behind, keyStart: 9.5 }).seekTo).toBeNull();
    expect(catchUp({ ...behind, keyStart: 11 }).seekTo).toBeNull();
    expect(catchUp({ ...behind, keyStart: null }).seekTo).toBeNull();
    // Outside the buffer with a key frame in it: onto the key frame.
    expect(catchUp({ currentTime: 0, start: 120, end: 121, playbackRate: 1, keyStart: 120.4 }).seekTo).toBeCloseTo(
      120.4 + KEY_SEEK_INTO_SEC,
    );
  });

  it('trims what is more than ten seconds behind, in chunks', () => {
    expect(trimRange(14, 0)).toBeNull();
    expect(trimRange(16, 0)).toEqual([0, 6]);
  });
});
