import type { ClientError, Result } from '../../bridge';
import { combine, isStill, sameVelocity, STILL, type Velocity } from './velocity';

export interface DriverState {
  moving: boolean;
  velocity: Velocity;
  error: ClientError | null;
}

export interface PtzDriverDeps {
  move(velocity: Velocity, timeoutMs: number): Promise<Result<unknown>>;
  stop(): Promise<Result<unknown>>;
  onState?(state: DriverState): void;
  /** How often a held move is repeated; the camera stops by itself `moveTimeoutMs` after the last one. */
  refreshMs?: number;
  moveTimeoutMs?: number;
}

export const REFRESH_MS = 400;
export const MOVE_TIMEOUT_MS = 1200;

/**
 * Turns "these inputs are held at these speeds" into ptz.move / ptz.stop calls: one call at a time, a held
 * move repeated before the camera's own timeout runs out (so a lost release still stops the camera), a stop
 * when every input is released, and no retry storm after a failure: it waits for a release first.
 */
export class PtzDriver {
  private readonly sources = new Map<string, Velocity>();
  private readonly refreshMs: number;
  private readonly moveTimeoutMs: number;
  private sent: Velocity | null = null;
  private running: Promise<void> | null = null;
  private dirty = false;
  private refreshDue = false;
  private blocked = false;
  private disposed = false;
  private error: ClientError | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly deps: PtzDriverDeps) {
    this.refreshMs = deps.refreshMs ?? REFRESH_MS;
    this.moveTimeoutMs = deps.moveTimeoutMs ?? MOVE_TIMEOUT_MS;
  }

  /** Sets what one input (e.g. 'pad', 'keys', 'gamepad') asks for; STILL releases it. */
  set(source: string, velocity: Velocity): void {
    if (this.disposed) return;
    if (isStill(velocity)) this.sources.delete(source);
    else this.sources.set(source, velocity);
    this.kick();
  }

  /** Releases every input: the camera gets a stop if it was moving. */
  release(): void {
    this.sources.clear();
    this.kick();
  }

  get state(): DriverState {
    return { moving: this.sent !== null, velocity: this.sent ?? STILL, error: this.error };
  }

  /** Resolves when every call this driver decided to make has been answered. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** Stops the camera if it was moving and refuses further input. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.sources.clear();
    this.kick();
    await this.idle();
    this.stopTimer();
  }

  private kick(): void {
    this.dirty = true;
    if (this.running === null) this.running = this.loop();
  }

  private async loop(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        await this.pump();
      }
    } finally {
      // Cleared in the same turn as the last `dirty` check, so no kick can fall between the two.
      this.running = null;
    }
  }

  private target(): Velocity {
    return combine(this.sources.values());
  }

  private async pump(): Promise<void> {
    for (;;) {
      const want = this.target();
      if (isStill(want)) {
        this.blocked = false;
        if (this.sent === null) break;
        this.sent = null;
        this.stopTimer();
        this.emit();
        const reply = await this.deps.stop();
        this.settle(reply);
        continue;
      }
      if (this.blocked) break;
      if (this.sent !== null && sameVelocity(this.sent, want) && !this.refreshDue) break;
      this.refreshDue = false;
      this.sent = want;
      this.startTimer();
      this.emit();
      const reply = await this.deps.move(want, this.moveTimeoutMs);
      if (!reply.ok) {
        // The camera's own timeout stops whatever may have started; nothing more is sent until a release.
        this.blocked = true;
        this.sent = null;
        this.stopTimer();
      }
      this.settle(reply);
    }
  }

  private settle(reply: Result<unknown>): void {
    this.error = reply.ok ? null : reply.error;
    this.emit();
  }

  private emit(): void {
    this.deps.onState?.(this.state);
  }

  private startTimer(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => {
      this.refreshDue = true;
      this.kick();
    }, this.refreshMs);
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.refreshDue = false;
  }
}
