import { normalise, type Velocity } from './velocity';

export type Axis = 'pan' | 'tilt' | 'zoom';
export interface HoldIntent {
  kind: 'hold';
  axis: Axis;
  sign: 1 | -1;
}
export type KeyIntent = HoldIntent | { kind: 'home' } | { kind: 'preset'; index: number };

const HOLD: Readonly<Record<string, Omit<HoldIntent, 'kind'>>> = {
  ArrowLeft: { axis: 'pan', sign: -1 },
  ArrowRight: { axis: 'pan', sign: 1 },
  ArrowUp: { axis: 'tilt', sign: 1 },
  ArrowDown: { axis: 'tilt', sign: -1 },
  // `=` is `+` without Shift on most layouts; the numeric keypad reports `+` and `-` as keys too.
  '+': { axis: 'zoom', sign: 1 },
  '=': { axis: 'zoom', sign: 1 },
  '-': { axis: 'zoom', sign: -1 },
  _: { axis: 'zoom', sign: -1 },
};

/** Keys of the PTZ panel: arrows pan/tilt, +/- zoom (held), Home, 1–9 presets. `KeyboardEvent.key` values. */
export function keyIntent(key: string): KeyIntent | null {
  const hold = HOLD[key];
  if (hold) return { kind: 'hold', ...hold };
  if (key === 'Home') return { kind: 'home' };
  if (/^[1-9]$/.test(key)) return { kind: 'preset', index: Number(key) - 1 };
  return null;
}

export const KEY_SPEED = 0.5;
export const KEY_SPEED_FAST = 1;

/** Velocity of the held keys: opposite keys cancel out, Shift doubles the speed. */
export function heldVelocity(held: Iterable<HoldIntent>, fast: boolean): Velocity {
  const speed = fast ? KEY_SPEED_FAST : KEY_SPEED;
  const v = { pan: 0, tilt: 0, zoom: 0 };
  for (const intent of held) v[intent.axis] += intent.sign * speed;
  return normalise(v);
}

/** Joystick pad: pointer offset from the centre in units of the pad's radius (x right, y down). */
export function padVelocity(dx: number, dy: number, deadZone = 0.12): Velocity {
  const length = Math.hypot(dx, dy);
  if (!Number.isFinite(length) || length <= deadZone) return normalise({ pan: 0, tilt: 0, zoom: 0 });
  const scale = (Math.min(1, length) - deadZone) / (1 - deadZone) / length;
  return normalise({ pan: dx * scale, tilt: -dy * scale, zoom: 0 });
}
