import { describe, expect, it } from 'vitest';
import { LIVE_TARGET_POLICY, LiveTarget } from './liveTarget';

const { startSec, minSec, maxSec, raiseSec, lowerSec, calmMs } = LIVE_TARGET_POLICY;

describe('adaptive live target', () => {
  it('starts low and keeps more in hand after each underrun, up to a cap', () => {
    const target = new LiveTarget(0);
    expect(target.seconds).toBe(startSec);
    target.underrun(100);
    expect(target.seconds).toBeCloseTo(startSec + raiseSec);
    for (let i = 0; i < 100; i++) target.underrun(200 + i);
    expect(target.seconds).toBe(maxSec);
  });

  it('creeps back down after calm stretches, never below the minimum', () => {
    const target = new LiveTarget(0);
    target.underrun(0);
    target.underrun(0);
    const raised = target.seconds;
    target.tick(calmMs - 1);
    expect(target.seconds).toBe(raised);
    target.tick(calmMs);
    expect(target.seconds).toBeCloseTo(raised - lowerSec);
    // One step per calm stretch, however often it is asked.
    target.tick(calmMs + 10);
    expect(target.seconds).toBeCloseTo(raised - lowerSec);
    for (let t = 2; t < 100; t++) target.tick(t * calmMs);
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
    for (let i = 0; i < 7; i++) target.underrun(0);
    for (let t = 1; t <= 7; t++) target.tick(t * calmMs);
    expect(target.seconds).toBe(Math.round((startSec + 7 * raiseSec - 7 * lowerSec) * 1000) / 1000);
  });
});
