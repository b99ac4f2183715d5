import { applyDeadZone, normalise, STILL, type Velocity } from './velocity';

/** The parts of the Gamepad API this feature reads, so the mapping can be tested without a device. */
export interface PadReading {
  readonly axes: readonly number[];
  readonly buttons: readonly { readonly pressed: boolean; readonly value: number }[];
}

/** Worn sticks rest a little off centre; below this deflection they count as released. */
export const STICK_DEAD_ZONE = 0.18;
const TRIGGER_DEAD_ZONE = 0.1;
const DPAD_SPEED = 0.5;

// Indices of the W3C "standard" mapping.
const BUTTON = { lb: 4, rb: 5, lt: 6, rt: 7, up: 12, down: 13, left: 14, right: 15 } as const;

function button(pad: PadReading, index: number): number {
  const b = pad.buttons[index];
  if (!b) return 0;
  return b.pressed ? Math.max(b.value, 1) : b.value;
}

/**
 * Left stick pans and tilts (pushed up = tilt up), right stick vertical or the triggers zoom, the d-pad
 * steers at half speed, the shoulder buttons zoom at half speed.
 */
export function gamepadVelocity(pad: PadReading): Velocity {
  const stick = (index: number): number => applyDeadZone(pad.axes[index] ?? 0, STICK_DEAD_ZONE);
  const trigger = (index: number): number => applyDeadZone(button(pad, index), TRIGGER_DEAD_ZONE);
  const pressed = (index: number): number => (pad.buttons[index]?.pressed ? DPAD_SPEED : 0);

  const pan = stick(0) + pressed(BUTTON.right) - pressed(BUTTON.left);
  const tilt = -stick(1) + pressed(BUTTON.up) - pressed(BUTTON.down);
  const zoom = -stick(3) + trigger(BUTTON.rt) - trigger(BUTTON.lt) + pressed(BUTTON.rb) - pressed(BUTTON.lb);
  return normalise({ pan, tilt, zoom });
}

/** The first connected pad that has at least one stick. */
export function firstPad<T extends PadReading & { readonly connected: boolean }>(
  pads: readonly (T | null)[],
): T | null {
  return pads.find((p): p is T => p !== null && p.connected && p.axes.length >= 2) ?? null;
}

export function padVelocityOrStill(pad: PadReading | null): Velocity {
  return pad ? gamepadVelocity(pad) : STILL;
}
