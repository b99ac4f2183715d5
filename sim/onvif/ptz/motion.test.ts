import { describe, expect, it } from 'vitest';
import { PtzHead, type PtzLimits } from './motion';

const LIMITS: PtzLimits = {
  pan: { min: -1, max: 1, wraps: true },
  tilt: { min: -1, max: 1, wraps: false },
  zoom: { min: 0, max: 1, wraps: false },
};

function headAt(start = { pan: 0, tilt: 0, zoom: 0 }) {
  let t = 1_000;
  const head = new PtzHead(LIMITS, start, () => t);
  return { head, advance: (ms: number) => (t += ms) };
}

describe('PtzHead', () => {
  it('moves by velocity × time and stops at the Timeout', () => {
    const { head, advance } = headAt();
    head.continuous({ pan: 0.5, tilt: -0.25, zoom: 0.1 }, 1_000);
    advance(400);
    expect(head.position().pan).toBeCloseTo(0.2);
    expect(head.position().tilt).toBeCloseTo(-0.1);
    expect(head.status().panTiltMoving).toBe(true);
    advance(2_000);
    expect(head.position()).toEqual({ pan: 0.5, tilt: -0.25, zoom: expect.closeTo(0.1) as number });
    expect(head.status()).toMatchObject({ panTiltMoving: false, zoomMoving: false });
  });

  it('stops on Stop, per axis group', () => {
    const { head, advance } = headAt();
    head.continuous({ pan: 1, tilt: 0, zoom: 0.5 }, 10_000);
    advance(200);
    head.stop(true, false);
    const panAtStop = head.position().pan;
    advance(200);
    expect(head.position().pan).toBe(panAtStop);
    expect(head.position().zoom).toBeCloseTo(0.2);
    expect(head.status()).toMatchObject({ panTiltMoving: false, zoomMoving: true });
  });

  it('wraps pan around and holds tilt and zoom at their end stops', () => {
    const { head, advance } = headAt({ pan: 0.9, tilt: 0.9, zoom: 0.9 });
    head.continuous({ pan: 1, tilt: 1, zoom: 1 }, 10_000);
    advance(300);
    expect(head.position().pan).toBeCloseTo(-0.8);
    expect(head.position().tilt).toBe(1);
    expect(head.position().zoom).toBe(1);
    expect(head.tilt.moving(1_300)).toBe(false);
  });

  it('travels to a target at the given speed and reports moving until it arrives', () => {
    const { head, advance } = headAt();
    head.travel({ pan: 0.5, zoom: 1 }, { pan: 1, tilt: 1, zoom: 0.5 });
    advance(250);
    expect(head.position().pan).toBeCloseTo(0.25);
    expect(head.status().panTiltMoving).toBe(true);
    advance(1_000);
    expect(head.position().pan).toBeCloseTo(0.5);
    expect(head.status().panTiltMoving).toBe(false);
    expect(head.status().zoomMoving).toBe(true);
    advance(1_000);
    expect(head.position().zoom).toBe(1);
    expect(head.status().zoomMoving).toBe(false);
  });
});
