// A PTZ head without timers: each axis remembers how it started moving, and its position is computed when
// asked. So a move "stops on its Timeout" simply because time runs past the deadline.

export interface AxisLimits {
  readonly min: number;
  readonly max: number;
  /** Pan on a dome turns endlessly: leaving max comes back at min. */
  readonly wraps: boolean;
}

type AxisMotion =
  | { kind: 'still'; at: number }
  | { kind: 'velocity'; from: number; t0: number; perMs: number; until: number }
  | { kind: 'travel'; from: number; to: number; t0: number; perMs: number };

export class Axis {
  private motion: AxisMotion;

  constructor(
    private readonly limits: AxisLimits,
    initial: number,
  ) {
    this.motion = { kind: 'still', at: this.fit(initial) };
  }

  private fit(value: number): number {
    const { min, max, wraps } = this.limits;
    if (wraps) {
      const span = max - min;
      return ((((value - min) % span) + span) % span) + min;
    }
    return Math.min(max, Math.max(min, value));
  }

  position(t: number): number {
    const m = this.motion;
    if (m.kind === 'still') return m.at;
    if (m.kind === 'velocity') return this.fit(m.from + m.perMs * (Math.min(t, m.until) - m.t0));
    const distance = Math.abs(m.to - m.from);
    const done = Math.min(distance, m.perMs * (t - m.t0));
    return m.from + Math.sign(m.to - m.from) * done;
  }

  moving(t: number): boolean {
    const m = this.motion;
    if (m.kind === 'still') return false;
    if (m.kind === 'travel') return m.perMs * (t - m.t0) < Math.abs(m.to - m.from);
    if (t >= m.until || m.perMs === 0) return false;
    if (this.limits.wraps) return true;
    // Pushing against an end stop is not moving.
    const at = this.position(t);
    return m.perMs > 0 ? at < this.limits.max : at > this.limits.min;
  }

  /** Velocity in units per second; 0 stops the axis. */
  setVelocity(t: number, perSecond: number, until: number): void {
    const from = this.position(t);
    this.motion =
      perSecond === 0 ? { kind: 'still', at: from } : { kind: 'velocity', from, t0: t, perMs: perSecond / 1000, until };
  }

  travelTo(t: number, target: number, perSecond: number): void {
    const from = this.position(t);
    const to = this.limits.wraps ? this.fit(target) : Math.min(this.limits.max, Math.max(this.limits.min, target));
    this.motion =
      perSecond <= 0 || from === to
        ? { kind: 'still', at: to }
        : { kind: 'travel', from, to, t0: t, perMs: perSecond / 1000 };
  }

  stop(t: number): void {
    this.motion = { kind: 'still', at: this.position(t) };
  }

  inRange(value: number): boolean {
    return value >= this.limits.min && value <= this.limits.max;
  }
}

export interface PtzVector {
  pan: number;
  tilt: number;
  zoom: number;
}

export interface PtzLimits {
  pan: AxisLimits;
  tilt: AxisLimits;
  zoom: AxisLimits;
}

/** Pan, tilt and zoom; pan and tilt move as one "PanTilt" group for Stop and MoveStatus, as in ONVIF. */
export class PtzHead {
  readonly pan: Axis;
  readonly tilt: Axis;
  readonly zoom: Axis;

  constructor(
    limits: PtzLimits,
    initial: PtzVector,
    private readonly now: () => number,
  ) {
    this.pan = new Axis(limits.pan, initial.pan);
    this.tilt = new Axis(limits.tilt, initial.tilt);
    this.zoom = new Axis(limits.zoom, initial.zoom);
  }

  position(): PtzVector {
    const t = this.now();
    return { pan: this.pan.position(t), tilt: this.tilt.position(t), zoom: this.zoom.position(t) };
  }

  status(): { position: PtzVector; panTiltMoving: boolean; zoomMoving: boolean } {
    const t = this.now();
    return {
      position: { pan: this.pan.position(t), tilt: this.tilt.position(t), zoom: this.zoom.position(t) },
      panTiltMoving: this.pan.moving(t) || this.tilt.moving(t),
      zoomMoving: this.zoom.moving(t),
    };
  }

  /** Velocities in units per second; an axis given as 0 stops. */
  continuous(velocity: PtzVector, timeoutMs: number): void {
    const t = this.now();
    const until = t + timeoutMs;
    this.pan.setVelocity(t, velocity.pan, until);
    this.tilt.setVelocity(t, velocity.tilt, until);
    this.zoom.setVelocity(t, velocity.zoom, until);
  }

  /** Travel to a target; an axis left undefined stays where it is. Speeds in units per second. */
  travel(target: Partial<PtzVector>, speed: PtzVector): void {
    const t = this.now();
    if (target.pan !== undefined) this.pan.travelTo(t, target.pan, speed.pan);
    if (target.tilt !== undefined) this.tilt.travelTo(t, target.tilt, speed.tilt);
    if (target.zoom !== undefined) this.zoom.travelTo(t, target.zoom, speed.zoom);
  }

  stop(panTilt: boolean, zoom: boolean): void {
    const t = this.now();
    if (panTilt) {
      this.pan.stop(t);
      this.tilt.stop(t);
    }
    if (zoom) this.zoom.stop(t);
  }
}
