import { describe, expect, it } from 'vitest';
import { createDecodeTimeline, initialReorderDepth, MAX_REORDER_DEPTH, type SampleTiming } from './decode-times';

const D = 3600; // 25 fps

interface Frame {
  pts: number;
  key: boolean;
}

/** Frames in decode order of `gops` GOPs: an IDR, then per step a reference `b + 1` frames on and its Bs. */
function decodeOrder(gops: number, steps: number, b: number, pyramid: boolean): Frame[] {
  const out: number[] = [];
  const keys = new Set<number>();
  let at = 0;
  for (let g = 0; g < gops; g++) {
    keys.add(out.length);
    out.push(at);
    for (let s = 0; s < steps; s++) {
      const ref = at + b + 1;
      out.push(ref);
      const bs = Array.from({ length: b }, (_, i) => at + i + 1);
      if (pyramid && b === 3) out.push(bs[1]!, bs[0]!, bs[2]!);
      else out.push(...bs);
      at = ref;
    }
    at += 1;
  }
  return out.map((frame, i) => ({ pts: frame * D, key: keys.has(i) }));
}

/** Frames of these times, the first one key. */
const frames = (pts: number[]): Frame[] => pts.map((p, i) => ({ pts: p, key: i === 0 }));

function run(stream: Frame[], depth: number): SampleTiming[] {
  const timeline = createDecodeTimeline({ depth, frameDuration90k: D });
  return stream.map((f) => {
    expect(timeline.check(f.pts)).toBeNull();
    return timeline.next(f.pts, f.key);
  });
}

/** What MSE's coded frame processing needs not to drop frames until the next key frame. */
function expectPlayable(timings: SampleTiming[], stream: Frame[], stepsFrom = 1): void {
  const pts = stream.map((f) => f.pts);
  const shift = timings[0]!.decodeTime + timings[0]!.compositionOffset - pts[0]!;
  timings.forEach((t, i) => {
    expect(t.decodeTime).toBeGreaterThanOrEqual(0);
    // Presentation time = tfdt + offset: the camera's time, shifted by one constant.
    expect(t.decodeTime + t.compositionOffset).toBe(pts[i]! + shift);
    if (i === 0) return;
    expect(t.decodeTime).toBeGreaterThan(timings[i - 1]!.decodeTime);
    if (i < stepsFrom || stream[i]!.key) return;
    // MSE restarts decoding only at a key frame: a bigger step anywhere else drops frames up to the next one.
    const step = t.decodeTime - timings[i - 1]!.decodeTime;
    expect(step).toBeLessThanOrEqual(2 * timings[i - 1]!.duration);
  });
  // No frame's presentation interval reaches into a later-presented frame already written.
  const presented = timings.map((t, i) => ({ start: pts[i]!, end: pts[i]! + t.duration, index: i }));
  for (const frame of presented) {
    const overlapped = presented.filter((o) => o.index < frame.index && o.start > frame.start && o.start < frame.end);
    expect(overlapped).toEqual([]);
  }
}

describe('decode times from presentation times in decode order', () => {
  it('without B-frames: decode time = presentation time, no offsets, durations from the intervals', () => {
    const pts = [0, 3600, 7300, 10_700, 14_400];
    const timings = run(frames(pts), 0);
    expect(timings.map((t) => t.decodeTime)).toEqual(pts);
    expect(timings.map((t) => t.compositionOffset)).toEqual([0, 0, 0, 0, 0]);
    expect(timings.map((t) => t.duration)).toEqual([3600, 3600, 3700, 3400, 3700]);
    const timeline = createDecodeTimeline({ depth: 0, frameDuration90k: D });
    timeline.next(0, true);
    timeline.next(D, false);
    expect(timeline.reordering).toBe(false);
  });

  it('one B-frame, depth 1 from the SPS: one frame interval a step, offsets >= 0, the first tfdt its pts', () => {
    const stream = frames([0, 2, 1, 4, 3, 6, 5].map((f) => f * D));
    const timings = run(stream, 1);
    expect(timings.map((t) => t.decodeTime / D)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(timings.map((t) => t.compositionOffset / D)).toEqual([1, 2, 0, 2, 0, 2, 0]);
    expect(timings.every((t) => t.duration === D)).toBe(true);
    expectPlayable(timings, stream);
  });

  it.each([
    { b: 2, pyramid: false, depth: 1 },
    { b: 3, pyramid: true, depth: 2 },
    { b: 3, pyramid: false, depth: 1 },
  ])('$b B-frames (pyramid $pyramid), depth $depth: never a negative offset', ({ b, pyramid, depth }) => {
    const stream = decodeOrder(3, 6, b, pyramid);
    const timings = run(stream, depth);
    expect(timings.every((t) => t.compositionOffset >= 0)).toBe(true);
    // In steady state every decode step is one frame interval, and so is every duration.
    expect(timings.slice(1).every((t, i) => t.decodeTime - timings[i]!.decodeTime === D)).toBe(true);
    expect(timings.every((t) => t.duration === D)).toBe(true);
    expectPlayable(timings, stream);
  });

  it('an SPS that says depth 0 over B-frames: the first reordered frame grows the depth, offsets go negative once', () => {
    const stream = decodeOrder(3, 6, 2, false);
    const timeline = createDecodeTimeline({ depth: 0, frameDuration90k: D });
    const timings = stream.map((f) => timeline.next(f.pts, f.key));
    expect(timeline.depth).toBe(1);
    expect(timeline.reordering).toBe(true);
    const negative = timings.flatMap((t, i) => (t.compositionOffset < 0 ? [i] : []));
    expect(negative.length).toBeGreaterThan(0);
    expect(negative.at(-1)!).toBeLessThan(6);
    expect(timings.slice(6).every((t) => t.compositionOffset >= 0)).toBe(true);
    // The first reference stepped the decode time by three intervals (MSE drops that GOP); from then on it plays.
    expect(timings[1]!.decodeTime - timings[0]!.decodeTime).toBe(3 * D);
    expectPlayable(timings, stream, 2);
  });

  it('a pyramid behind an SPS claiming depth 1 grows to 2 and stays playable', () => {
    const stream = decodeOrder(2, 8, 3, true);
    const timeline = createDecodeTimeline({ depth: 1, frameDuration90k: D });
    const timings = stream.map((f) => timeline.next(f.pts, f.key));
    expect(timeline.depth).toBe(2);
    expectPlayable(timings, stream);
  });

  it('a jittery camera clock: durations stop short of frames already written that are presented later', () => {
    const stream = frames([0, 7250, 3550, 14_420, 10_790, 21_610, 18_000]);
    const timings = run(stream, 1);
    expectPlayable(timings, stream);
    expect(timings[2]!.duration).toBeLessThanOrEqual(7250 - 3550);
  });

  it('frames lost up to the next IDR: the decode time jumps on the key frame, one interval a frame after it', () => {
    const whole = decodeOrder(3, 6, 2, false);
    const secondKey = whole.findIndex((f, i) => i > 0 && f.key);
    // The reader drops everything from a damaged frame to the next IDR: here the last 7 frames of the first GOP.
    const stream = [...whole.slice(0, secondKey - 7), ...whole.slice(secondKey)];
    const timings = run(stream, 1);
    const key = secondKey - 7;
    expect(timings[key]!.decodeTime - timings[key - 1]!.decodeTime).toBeGreaterThan(2 * D);
    expect(timings.slice(key + 1).every((t, i) => t.decodeTime - timings[key + i]!.decodeTime === D)).toBe(true);
    expectPlayable(timings, stream);
    expect(timings.every((t) => t.compositionOffset >= 0)).toBe(true);
  });

  it('starts from the SPS depth, else 2 unless the profile is Baseline (no B slices)', () => {
    expect(initialReorderDepth({ profileIdc: 100, maxReorderFrames: 0 })).toBe(0);
    expect(initialReorderDepth({ profileIdc: 77, maxReorderFrames: 1 })).toBe(1);
    expect(initialReorderDepth({ profileIdc: 77, maxReorderFrames: null })).toBe(2);
    expect(initialReorderDepth({ profileIdc: 66, maxReorderFrames: null })).toBe(0);
    // Depth 2 over a stream without B-frames: the same tfdt as depth 0 at a steady rate, with a constant offset.
    const pts = [0, 3600, 7200, 10_800, 14_400];
    const timings = run(frames(pts), 2);
    expect(timings.map((t) => t.decodeTime)).toEqual(pts);
    expect(timings.map((t) => t.compositionOffset)).toEqual([2 * D, 2 * D, 2 * D, 2 * D, 2 * D]);
    const jittery = frames([0, 3600, 7300, 10_700, 14_400]);
    expectPlayable(run(jittery, 2), jittery);
  });

  it('refuses a repeated time, a time far behind the decode time, and reordering deeper than H.264 allows', () => {
    const timeline = createDecodeTimeline({ depth: 1, frameDuration90k: D });
    expect(timeline.check(500_000)).toBeNull();
    timeline.next(500_000, true);
    timeline.next(500_000 + 2 * D, false);
    expect(timeline.check(500_000 + 2 * D)).toMatch(/repeats/);
    expect(timeline.check(500_000 - 100_000)).toMatch(/too far back/);
    expect(timeline.check(500_000 + D)).toBeNull();

    const deep = createDecodeTimeline({ depth: MAX_REORDER_DEPTH, frameDuration90k: D });
    deep.next(100 * D, true);
    // The window is full of virtual frames below the first: anything before them is deeper than 16.
    expect(deep.check(100 * D - 17 * D)).toMatch(/more than 16 frames/);
  });
});
