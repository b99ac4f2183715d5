/**
 * How far behind the newest frame a player aims to play, adapted per tile: as close as the stream allows, further
 * back only when the buffer has actually run dry. A fixed target is either too cautious for a healthy feed (every
 * frame of cushion is 40 ms of latency at 25 fps) or too tight for a jittery one (each underrun freezes the picture).
 */
export interface LiveTargetPolicy {
  startSec: number;
  minSec: number;
  maxSec: number;
  /** Added on an underrun… */
  raiseSec: number;
  /**
   * …once per episode: the underruns that follow within this are the same shortage (the playhead has not yet
   * built the cushion the first raise asked for), not new evidence of jitter.
   */
  episodeMs: number;
  /** Taken off after each calm stretch of `calmMs` without an underrun. */
  lowerSec: number;
  calmMs: number;
}

export const LIVE_TARGET_POLICY: LiveTargetPolicy = {
  startSec: 0.08,
  minSec: 0.06,
  maxSec: 0.5,
  raiseSec: 0.04,
  episodeMs: 2_000,
  lowerSec: 0.01,
  calmMs: 5_000,
};

export class LiveTarget {
  private target: number;
  private calmSince: number;
  private raisedAt = -Infinity;

  constructor(
    now: number,
    private readonly policy: LiveTargetPolicy = LIVE_TARGET_POLICY,
  ) {
    this.target = policy.startSec;
    this.calmSince = now;
  }

  get seconds(): number {
    return this.target;
  }

  /** The playhead ran out of media while the stream kept coming (jitter, a busy decoder): keep more in hand. */
  underrun(now: number): void {
    this.calmSince = now;
    if (now - this.raisedAt < this.policy.episodeMs) return;
    this.raisedAt = now;
    this.target = Math.min(this.policy.maxSec, round(this.target + this.policy.raiseSec));
  }

  /** Called as media arrives: after each calm stretch the target creeps back toward the minimum. */
  tick(now: number): void {
    if (now - this.calmSince < this.policy.calmMs) return;
    this.calmSince = now;
    this.target = Math.max(this.policy.minSec, round(this.target - this.policy.lowerSec));
  }
}

/**
 * 'waiting' with more than this buffered ahead of the playhead is the decoder behind (a busy CPU), not the feed:
 * more cushion would add latency and not one decoded frame.
 */
export const DRY_BELOW_SEC = 0.1;

/** Whether a player that says 'waiting' with `lagSec` buffered ahead ran out of media (an underrun). */
export function ranDry(lagSec: number | null): boolean {
  return lagSec === null || lagSec <= DRY_BELOW_SEC;
}

/** Millisecond steps, so repeated ± of 0.01 s does not drift in floating point. */
const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
