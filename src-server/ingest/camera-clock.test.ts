import { describe, expect, it } from 'vitest';
import { cameraBatchClock } from './camera-clock';

const RECEIVED = new Date('2026-11-28T10:00:00.000Z');
const iso = (ms: number) => new Date(RECEIVED.getTime() + ms).toISOString();
const times = (clock: ReturnType<typeof cameraBatchClock>) => clock.times.map((t) => t.getTime() - RECEIVED.getTime());

describe('cameraBatchClock', () => {
  it('moves a workstation clock 10 minutes behind onto the server clock, keeping the spacing of its reports', () => {
    const behind = -600_000;
    const clock = cameraBatchClock([{ at: iso(behind - 5000) }, { at: iso(behind - 1000) }], iso(behind), RECEIVED);
    expect(clock.skewMs).toBe(behind);
    expect(times(clock)).toEqual([-5000, -1000]);
  });

  it('never puts a report after its receipt, nor before the report ahead of it', () => {
    const ahead = 600_000;
    expect(times(cameraBatchClock([{ at: iso(ahead + 3000) }], iso(ahead), RECEIVED))).toEqual([0]);
    // The workstation's clock stepped back 30 s between two reports.
    expect(times(cameraBatchClock([{ at: iso(-2000) }, { at: iso(-32_000) }], iso(0), RECEIVED))).toEqual([
      -2000, -2000,
    ]);
  });

  it('orders by receipt when the batch does not say when it was sent, or says it badly', () => {
    for (const header of [undefined, 'yesterday', ['a', 'b']]) {
      const clock = cameraBatchClock([{ at: iso(-600_000) }, { at: iso(-500_000) }], header, RECEIVED);
      expect(clock.skewMs).toBeNull();
      expect(times(clock)).toEqual([0, 0]);
    }
  });
});
