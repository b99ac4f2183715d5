import { describe, expect, test } from 'vitest';
import { firstPad, gamepadVelocity, STICK_DEAD_ZONE, type PadReading } from './gamepad';
import { heldVelocity, keyIntent, padVelocity, type HoldIntent } from './keys';
import { applyDeadZone, combine, isStill } from './velocity';

function pad(axes: number[], pressed: number[] = [], values: Record<number, number> = {}): PadReading {
  const buttons = Array.from({ length: 17 }, (_, i) => ({ pressed: pressed.includes(i), value: values[i] ?? 0 }));
  return { axes, buttons };
}

describe('dead zone', () => {
  test('rest is zero, full deflection is full speed, sign is kept', () => {
    expect(applyDeadZone(0.1, 0.18)).toBe(0);
    expect(applyDeadZone(-0.18, 0.18)).toBe(0);
    expect(applyDeadZone(1, 0.18)).toBe(1);
    expect(applyDeadZone(-1, 0.18)).toBe(-1);
    expect(applyDeadZone(0.59, 0.18)).toBeCloseTo(0.5, 5);
    expect(applyDeadZone(Number.NaN, 0.18)).toBe(0);
  });
});

describe('gamepad mapping', () => {
  test('a stick resting a little off centre does not move the camera', () => {
    expect(isStill(gamepadVelocity(pad([STICK_DEAD_ZONE - 0.01, -0.05, 0.02, 0.1])))).toBe(true);
  });
  test('left stick pans and tilts; pushed up (negative y) tilts up', () => {
    expect(gamepadVelocity(pad([1, -1, 0, 0]))).toEqual({ pan: 1, tilt: 1, zoom: 0 });
    expect(gamepadVelocity(pad([-1, 1, 0, 0]))).toEqual({ pan: -1, tilt: -1, zoom: 0 });
  });
  test('right stick up or right trigger zooms in; left trigger zooms out', () => {
    expect(gamepadVelocity(pad([0, 0, 0, -1])).zoom).toBe(1);
    expect(gamepadVelocity(pad([0, 0, 0, 0], [], { 7: 1 })).zoom).toBe(1);
    expect(gamepadVelocity(pad([0, 0, 0, 0], [], { 6: 1 })).zoom).toBe(-1);
  });
  test('d-pad and shoulder buttons steer at half speed', () => {
    expect(gamepadVelocity(pad([0, 0], [15, 12, 5]))).toEqual({ pan: 0.5, tilt: 0.5, zoom: 0.5 });
  });
  test('picks the first connected pad with a stick', () => {
    const a = { ...pad([0]), connected: true, id: 'a' };
    const b = { ...pad([0, 0]), connected: false, id: 'b' };
    const c = { ...pad([0, 0]), connected: true, id: 'c' };
    expect(firstPad([null, a, b, c])?.id).toBe('c');
    expect(firstPad([null])).toBeNull();
  });
});

describe('keyboard', () => {
  test('arrows, plus/minus, Home and digits', () => {
    expect(keyIntent('ArrowUp')).toEqual({ kind: 'hold', axis: 'tilt', sign: 1 });
    expect(keyIntent('+')).toEqual({ kind: 'hold', axis: 'zoom', sign: 1 });
    expect(keyIntent('-')).toEqual({ kind: 'hold', axis: 'zoom', sign: -1 });
    expect(keyIntent('Home')).toEqual({ kind: 'home' });
    expect(keyIntent('1')).toEqual({ kind: 'preset', index: 0 });
    expect(keyIntent('9')).toEqual({ kind: 'preset', index: 8 });
    expect(keyIntent('0')).toBeNull();
    expect(keyIntent('a')).toBeNull();
  });
  test('held keys combine; opposite keys cancel; Shift is faster', () => {
    const left: HoldIntent = { kind: 'hold', axis: 'pan', sign: -1 };
    const right: HoldIntent = { kind: 'hold', axis: 'pan', sign: 1 };
    const up: HoldIntent = { kind: 'hold', axis: 'tilt', sign: 1 };
    expect(heldVelocity([left, up], false)).toEqual({ pan: -0.5, tilt: 0.5, zoom: 0 });
    expect(heldVelocity([left, right], false)).toEqual({ pan: 0, tilt: 0, zoom: 0 });
    expect(heldVelocity([right], true)).toEqual({ pan: 1, tilt: 0, zoom: 0 });
  });
});

describe('joystick pad', () => {
  test('centre is still, the rim is full speed, down is tilt down', () => {
    expect(isStill(padVelocity(0.05, -0.05))).toBe(true);
    expect(padVelocity(1, 0)).toEqual({ pan: 1, tilt: 0, zoom: 0 });
    expect(padVelocity(0, 2)).toEqual({ pan: 0, tilt: -1, zoom: 0 });
  });
  test('speeds are rounded so small hand movements do not change the command', () => {
    expect(padVelocity(0.701, 0)).toEqual(padVelocity(0.703, 0));
    expect(combine([padVelocity(1, 0), padVelocity(1, 0)]).pan).toBe(1);
  });
});
