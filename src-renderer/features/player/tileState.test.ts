import { describe, expect, it } from 'vitest';
import { tileStatus, type TileStateInput } from './tileState';

const base: TileStateInput = { phase: 'opening', fault: null, server: null, connected: true };

describe('tile state', () => {
  it('plays when frames are presented, whatever else is known', () => {
    expect(tileStatus({ ...base, phase: 'playing', server: 'offline' })).toEqual({ state: 'playing', reason: null });
  });

  it('is connecting while opening and waiting for the first frame', () => {
    expect(tileStatus(base).state).toBe('connecting');
    expect(tileStatus({ ...base, phase: 'waiting', server: 'connecting' }).state).toBe('connecting');
    expect(tileStatus({ ...base, phase: 'retrying', fault: 'stream_ended' })).toEqual({
      state: 'connecting',
      reason: 'stream_ended',
    });
  });

  it('says stalled when the picture stopped and the core is restarting the feed', () => {
    expect(tileStatus({ ...base, phase: 'stalled', server: 'stalled' })).toEqual({ state: 'stalled', reason: null });
    expect(tileStatus({ ...base, phase: 'stalled', server: 'playing' }).state).toBe('stalled');
  });

  it('says offline when the camera or the core cannot be reached', () => {
    expect(tileStatus({ ...base, phase: 'stalled', server: 'offline' })).toEqual({
      state: 'offline',
      reason: 'camera_offline',
    });
    expect(tileStatus({ ...base, phase: 'retrying', connected: false })).toEqual({
      state: 'offline',
      reason: 'no_connection',
    });
  });

  it('says error, with why, for wrong credentials, codecs the browser cannot play and refusals', () => {
    expect(tileStatus({ ...base, phase: 'waiting', server: 'auth_failed' })).toEqual({
      state: 'error',
      reason: 'auth_failed',
    });
    expect(tileStatus({ ...base, phase: 'retrying', fault: 'unsupported' })).toEqual({
      state: 'error',
      reason: 'unsupported',
    });
    expect(tileStatus({ ...base, phase: 'failed', fault: 'forbidden', connected: false }).reason).toBe('forbidden');
    expect(tileStatus({ ...base, phase: 'waiting', server: 'error' }).reason).toBe('stream_error');
  });

  it('says error, with why, for an rtsps camera refused on its certificate (nothing was sent to it)', () => {
    for (const server of ['cert_untrusted', 'cert_changed', 'tls_unverifiable'] as const) {
      expect(tileStatus({ ...base, phase: 'waiting', server })).toEqual({ state: 'error', reason: server });
    }
  });
});
