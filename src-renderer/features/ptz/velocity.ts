/** Pan, tilt and zoom speeds in ONVIF's generic space: each from -1 to 1; 0 is still. */
export interface Velocity {
  readonly pan: number;
  readonly tilt: number;
  readonly zoom: number;
}

export const STILL: Velocity = { pan: 0, tilt: 0, zoom: 0 };

/** Speeds are rounded to this step so a hand on a stick does not become a stream of near-identical commands. */
const STEPS_PER_UNIT = 20;

function clampUnit(value: number): number {
  return Math.max(-1, Math.min(1, value));
}

function round(value: number): number {
  // `+ 0` turns -0 into 0 so a still velocity has one key.
  return Math.round(clampUnit(value) * STEPS_PER_UNIT) / STEPS_PER_UNIT + 0;
}

export function normalise(v: Velocity): Velocity {
  return { pan: round(v.pan), tilt: round(v.tilt), zoom: round(v.zoom) };
}

/** Several inputs (pad, keys, gamepad) can steer at once; their speeds add up and are clamped. */
export function combine(velocities: Iterable<Velocity>): Velocity {
  let pan = 0;
  let tilt = 0;
  let zoom = 0;
  for (const v of velocities) {
    pan += v.pan;
    tilt += v.tilt;
    zoom += v.zoom;
  }
  return normalise({ pan, tilt, zoom });
}

export function isStill(v: Velocity): boolean {
  return v.pan === 0 && v.tilt === 0 && v.zoom === 0;
}

export function sameVelocity(a: Velocity, b: Velocity): boolean {
  return a.pan === b.pan && a.tilt === b.tilt && a.zoom === b.zoom;
}

/**
 * Removes the small movements a resting stick or an unsteady hand makes, and rescales the rest so full
 * deflection still means full speed.
 */
export function applyDeadZone(value: number, deadZone: number): number {
  const magnitude = Math.abs(value);
  if (!Number.isFinite(value) || magnitude <= deadZone) return 0;
  return Math.sign(value) * Math.min(1, (magnitude - deadZone) / (1 - deadZone));
}
