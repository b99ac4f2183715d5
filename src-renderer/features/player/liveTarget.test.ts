import { describe, expect, it } from 'vitest';
import { DRY_BELOW_SEC, LIVE_TARGET_POLICY, LiveTarget, ranDry } from './liveTarget';

const { startSec, minSec, maxSec, raiseSec, episodeMs, lowerSec, calmMs } = LIVE_TARGET_POLICY;

describe('adaptive live target', () => {
  it('starts low and keeps more in hand after each underrun, up to a cap', () => {
    const target = new LiveTarget(0);
    expect(target.seconds).toBe(startSec);
    target.underrun(100);
    expect(target.seconds).toBeCloseTo(startSec + raiseSec);
    for (let i = 1; i <= 100; i++) target.underrun(100 + i * episodeMs);
    expect(target.seconds).toBe(maxSec);
  });

  it('raises once per episode: underruns in quick succession are one shortage', () => {
    const target = new LiveTarget(0);
    for (let t = 0; t < episodeMs; t += 100) target.underrun(t);
    expect(target.seconds).toBeCloseTo(startSec + raiseSec);
    target.underrun(episodeMs);
    expect(target.seconds).toBeCloseTo(startSec + 2 * raiseSec);
  });

  it('creeps back down after calm stretches, never below the minimum', () => {
    const target = new LiveTarget(0);
    target.underrun(0);
    target.underrun(episodeMs);
    const raised = target.seconds;
    target.tick(episodeMs + calmMs - 1);
    expect(target.seconds).toBe(raised);
    target.tick(episodeMs + calmMs);
    expect(target.seconds).toBeCloseTo(raised - lowerSec);
    // One step per calm stretch, however often it is asked.
    target.tick(episodeMs + calmMs + 10);
    expect(target.seconds).toBeCloseTo(raised - lowerSec);
    for (let t = 2; t < 100; t++) target.tick(episodeMs + t * calmMs);
    expect(target.seconds).toBe(minSec);
  });

  it('an underrun starts the calm stretch over', () => {
    const target = new LiveTarget(0);
    target.underrun(calmMs - 10);
    const raised = target.seconds;
    target.tick(calmMs + 10);
    expect(target.seconds).toBe(raised);
    target.tick(2 * calmMs);
    expect(target.seconds).toBeCloseTo(raised - lowerSec);
  });

  it('steps in whole milliseconds, without floating-point drift', () => {
    const target = new LiveTarget(0);
    for (let i = 0; i < 7; i++) target.underrun(i * episodeMs);
    for (let t = 1; t <= 7; t++) target.tick(6 * episodeMs + t * calmMs);
    expect(target.seconds).toBe(Math.round((startSec + 7 * raiseSec - 7 * lowerSec) * 1000) / 1000);
  });

  it("counts 'waiting' as an underrun only when the buffer ran dry, not when the decoder is behind", () => {
    expect(ranDry(0)).toBe(true);
    expect(ranDry(0.04)).toBe(true);
    expect(ranDry(null)).toBe(true);
    // Half a second in hand and still waiting: a busy decoder; more cushion would add latency only.
    expect(ranDry(0.5)).toBe(false);
    expect(ranDry(DRY_BELOW_SEC + 0.01)).toBe(false);
  });
});
