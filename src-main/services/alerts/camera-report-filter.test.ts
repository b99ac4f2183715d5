import { describe, expect, it } from 'vitest';
import { createCameraReportFilter } from './camera-report-filter';

describe('camera report filter', () => {
  it('sends offline and tamper only when they change, per camera', () => {
    const f = createCameraReportFilter({ motionWindowMs: 10_000 });
    expect(f.decide({ cameraId: 'a', status: 'unreachable' }, 0)).toEqual({ kind: 'offline', active: true });
    expect(f.decide({ cameraId: 'a', status: 'unreachable' }, 1)).toBeNull();
    expect(f.decide({ cameraId: 'b', status: 'unreachable' }, 1)).toEqual({ kind: 'offline', active: true });
    // Failing authentication says nothing about being reachable; a skewed clock means it answers.
    expect(f.decide({ cameraId: 'a', status: 'auth_failed' }, 2)).toBeNull();
    expect(f.decide({ cameraId: 'a', status: 'clock_skew' }, 3)).toEqual({ kind: 'offline', active: false });
    expect(f.decide({ cameraId: 'a', status: 'online' }, 4)).toBeNull();
    expect(f.decide({ cameraId: 'a', event: { kind: 'tamper', active: true } }, 5)).toEqual({
      kind: 'tamper',
      active: true,
    });
    expect(f.decide({ cameraId: 'a', event: { kind: 'tamper', active: true } }, 6)).toBeNull();
    expect(f.decide({ cameraId: 'a', event: { kind: 'tamper', active: false } }, 7)).toEqual({
      kind: 'tamper',
      active: false,
    });
  });

  it('sends the start of motion at most once per window per camera, never its end, inputs or vendor topics', () => {
    const f = createCameraReportFilter({ motionWindowMs: 10_000 });
    const motion = (cameraId: string, active: boolean, at: number) =>
      f.decide({ cameraId, event: { kind: 'motion', active } }, at);
    expect(motion('a', true, 0)).toEqual({ kind: 'motion', active: true });
    const chatter = Array.from({ length: 200 }, (_, i) => motion('a', i % 2 === 0, 50 * i));
    expect(chatter.filter((d) => d !== null)).toHaveLength(0);
    expect(motion('b', true, 100)).not.toBeNull();
    expect(motion('a', true, 10_000)).toEqual({ kind: 'motion', active: true });
    expect(f.decide({ cameraId: 'a', event: { kind: 'input', active: true } }, 1)).toBeNull();
    expect(f.decide({ cameraId: 'a', event: { kind: 'other', active: true } }, 1)).toBeNull();
  });

  it('forgets a removed camera: the next state of that id is sent again', () => {
    const f = createCameraReportFilter({ motionWindowMs: 10_000 });
    f.decide({ cameraId: 'a', status: 'unreachable' }, 0);
    f.forget('a');
    expect(f.decide({ cameraId: 'a', status: 'unreachable' }, 1)).toEqual({ kind: 'offline', active: true });
  });
});
