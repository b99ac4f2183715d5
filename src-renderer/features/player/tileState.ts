import type { TileState } from '../../../src-shared/contract/layouts';
import type { LiveStreamState } from '../../../src-shared/contract/streams';

/** Where a live session is; see LiveSession. */
export type SessionPhase = 'opening' | 'waiting' | 'playing' | 'stalled' | 'retrying' | 'failed' | 'stopped';

/** Why a tile is not playing, shown to the operator in Vietnamese (player.reason.*). */
export type TileReason =
  | 'auth_failed'
  | 'unsupported'
  | 'decode'
  | 'not_found'
  | 'forbidden'
  | 'camera_offline'
  | 'no_connection'
  | 'stream_error'
  | 'stream_ended'
  | 'paused'
  | 'cert_untrusted'
  | 'cert_changed'
  | 'tls_unverifiable';

export interface TileStateInput {
  phase: SessionPhase;
  /** A fault the session knows itself (the browser cannot decode, the core refused). */
  fault: TileReason | null;
  /** What the core's supervisor says about this stream (streams.stats), when known. */
  server: LiveStreamState | null;
  /** The socket to the core is up. */
  connected: boolean;
}

export interface TileStatus {
  state: TileState;
  reason: TileReason | null;
}

/**
 * One state per tile for the operator and for scripted checks (`data-state`): connecting, playing, stalled,
 * offline or error — with the reason when it is not playing.
 */
export function tileStatus(input: TileStateInput): TileStatus {
  const { phase, fault, server, connected } = input;
  if (phase === 'playing') return { state: 'playing', reason: null };
  if (phase === 'stopped') return { state: 'connecting', reason: 'paused' };
  if (fault === 'unsupported' || fault === 'forbidden' || fault === 'not_found' || fault === 'decode') {
    return { state: 'error', reason: fault };
  }
  if (!connected) return { state: 'offline', reason: 'no_connection' };
  if (server === 'auth_failed') return { state: 'error', reason: 'auth_failed' };
  // rtsps cameras refused before anything was sent: the certificate (trust it on the Cameras page) or the codec.
  if (server === 'cert_untrusted' || server === 'cert_changed' || server === 'tls_unverifiable') {
    return { state: 'error', reason: server };
  }
  if (server === 'offline') return { state: 'offline', reason: 'camera_offline' };
  if (server === 'error') return { state: 'error', reason: 'stream_error' };
  if (phase === 'stalled') return { state: 'stalled', reason: fault };
  if (phase === 'failed') return { state: 'error', reason: fault ?? 'stream_error' };
  return { state: 'connecting', reason: fault === 'stream_ended' ? fault : null };
}
