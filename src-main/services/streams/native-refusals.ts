// The core's memory of cameras the native reader could not follow, per (camera, profile) and the URL it failed
// on: while remembered, their streams start (and restart) on ffmpeg instead of failing natively again. It is a
// memory, not a verdict: every refusal expires, then the native reader is tried again — at the stream's next
// start or its next attempt after a failure, never by interrupting a healthy ffmpeg.
import type { IngestFallbackReason } from '../../../src-shared/contract/streams';

/** Reasons the native reader gave up on a camera it could reach (rtsps and codecs are decided before trying). */
export type NativeRefusal = Extract<
  IngestFallbackReason,
  'redirect' | 'packetization' | 'discontinuities' | 'protocol'
>;

const HOUR_MS = 60 * 60_000;

/**
 * How long each refusal is remembered: an hour for every reason. `protocol` (a framing error) may have been one
 * garbage reply. The others are the camera's configuration (a redirect to another host, packetization-mode 2, a
 * clock that keeps jumping), but that is changed on the camera, outside the app, so no event tells the core to try
 * again. Trying again is cheap for all of them: a redirect and packetization-mode 2 are refused at DESCRIBE, before
 * any frame; garbage at the first bytes; a jumping clock after a few frames that play with smoothed timestamps,
 * then the same switch to ffmpeg a reconnect makes. Staying on ffmpeg wrongly costs the same for all (1.8× the CPU,
 * two frames of latency): one retry an hour bounds it.
 */
export const DEFAULT_REFUSAL_TTL_MS: Readonly<Record<NativeRefusal, number>> = {
  protocol: HOUR_MS,
  redirect: HOUR_MS,
  packetization: HOUR_MS,
  discontinuities: HOUR_MS,
};

export interface NativeRefusalOptions {
  /** Milliseconds per reason; unlisted reasons keep their default. */
  ttlMs?: Partial<Record<NativeRefusal, number>>;
  /** The clock refusals age by (tests move it forward). Default Date.now. */
  now?: () => number;
}

/** One stream's view of the memory (its camera and profile). */
export interface StreamRefusals {
  /** Why the native reader refused `url` and still counts as refused, or null. */
  current(url: string): NativeRefusal | null;
  /** Remembers a refusal; other fallback reasons are ignored. */
  remember(url: string, reason: IngestFallbackReason): void;
}

export interface NativeRefusals {
  forStream(key: string): StreamRefusals;
}

export function isNativeRefusal(reason: IngestFallbackReason): reason is NativeRefusal {
  return Object.hasOwn(DEFAULT_REFUSAL_TTL_MS, reason);
}

export function createNativeRefusals(options: NativeRefusalOptions = {}): NativeRefusals {
  const ttlMs = { ...DEFAULT_REFUSAL_TTL_MS, ...options.ttlMs };
  const now = options.now ?? Date.now;
  const refused = new Map<string, { url: string; reason: NativeRefusal; until: number }>();

  return {
    forStream: (key) => ({
      current(url) {
        const entry = refused.get(key);
        if (!entry || entry.url !== url) return null;
        if (now() < entry.until) return entry.reason;
        refused.delete(key);
        return null;
      },
      remember(url, reason) {
        if (isNativeRefusal(reason)) refused.set(key, { url, reason, until: now() + ttlMs[reason] });
      },
    }),
  };
}
