import { describe, expect, it } from 'vitest';
import { nativeFallbackOf, planIngest, type IngestPlanInput } from './ingest-plan';
import { RtspError, RtspProtocolError } from './rtsp';

const H264_RTSP: IngestPlanInput = {
  codec: 'H264',
  url: 'rtsp://10.0.0.5:554/main',
  configured: 'native',
  forceTranscode: false,
  nativeRefused: null,
};

describe('planIngest', () => {
  it('reads an H.264 rtsp:// camera natively when configured so, and copies it with ffmpeg otherwise', () => {
    expect(planIngest(H264_RTSP)).toEqual({ ingest: 'native', fallbackReason: null });
    expect(planIngest({ ...H264_RTSP, codec: 'avc1' })).toEqual({ ingest: 'native', fallbackReason: null });
    expect(planIngest({ ...H264_RTSP, configured: 'ffmpeg' })).toEqual({ ingest: 'copy', fallbackReason: null });
  });

  it('gives cameras the reader refused to ffmpeg, saying why', () => {
    expect(planIngest({ ...H264_RTSP, nativeRefused: 'redirect' })).toEqual({
      ingest: 'copy',
      fallbackReason: 'redirect',
    });
  });

  it('transcodes what is not H.264, declared or found, whatever is configured', () => {
    const transcode = { ingest: 'transcode', fallbackReason: 'codec' };
    expect(planIngest({ ...H264_RTSP, codec: 'H265' })).toEqual(transcode);
    expect(planIngest({ ...H264_RTSP, codec: 'MJPEG', configured: 'ffmpeg' })).toEqual(transcode);
    expect(planIngest({ ...H264_RTSP, forceTranscode: true, nativeRefused: 'protocol' })).toEqual(transcode);
  });
});

describe('planIngest for rtsps://', () => {
  const RTSPS = { ...H264_RTSP, url: 'rtsps://10.0.0.5:322/main' };

  it('keeps H.264 on the native reader (it checks the pinned certificate too), whatever is configured', () => {
    const native = { ingest: 'native', fallbackReason: null };
    expect(planIngest(RTSPS)).toEqual(native);
    expect(planIngest({ ...RTSPS, configured: 'ffmpeg' })).toEqual(native);
    // A refused certificate is no reason to leave the native reader either.
    const error = new RtspError('certificate', 'certificate changed', {
      certificate: { seenSha256: null, verdict: 'changed' },
    });
    expect(nativeFallbackOf(error)).toBeNull();
  });

  it('gives ffmpeg what only it can read through the loopback relay, never the camera directly', () => {
    const relayed = { ingest: 'transcode', fallbackReason: 'codec', relay: true };
    expect(planIngest({ ...RTSPS, codec: 'H265' })).toEqual(relayed);
    expect(planIngest({ ...RTSPS, forceTranscode: true })).toEqual(relayed);
    expect(planIngest({ ...RTSPS, nativeRefused: 'packetization' })).toEqual({
      ingest: 'copy',
      fallbackReason: 'packetization',
      relay: true,
    });
  });
});

describe('nativeFallbackOf', () => {
  it('names what only the native reader cannot follow', () => {
    expect(nativeFallbackOf(new RtspProtocolError('malformed RTSP start line'))).toBe('protocol');
    expect(nativeFallbackOf(new RtspError('status', 'DESCRIBE answered 302 Found', { status: 302 }))).toBe('redirect');
    const mode2 = new RtspError('codec', 'H.264 packetization-mode 2 is not supported', { codec: 'H264' });
    expect(nativeFallbackOf(mode2)).toBe('packetization');
    expect(nativeFallbackOf(new RtspError('codec', 'the video is H265, not H.264', { codec: 'H265' }))).toBe('codec');
  });

  it('keeps the native reader for failures any reader would have', () => {
    expect(nativeFallbackOf(new RtspError('auth', 'credentials required', { status: 401 }))).toBeNull();
    expect(nativeFallbackOf(new RtspError('unreachable', 'cannot connect (ECONNREFUSED)'))).toBeNull();
    expect(nativeFallbackOf(new RtspError('status', 'DESCRIBE answered 404', { status: 404 }))).toBeNull();
    expect(nativeFallbackOf(new RtspError('timeout', 'no reply to PLAY within 5000 ms'))).toBeNull();
    expect(nativeFallbackOf(new RtspError('closed', 'the server closed the connection'))).toBeNull();
  });

  it('tells the discontinuity limit of native-ingest.ts from other protocol errors', () => {
    const outOfOrder = new RtspError('protocol', 'frames out of order', { outOfOrder: true });
    expect(nativeFallbackOf(outOfOrder)).toBe('discontinuities');
    expect(nativeFallbackOf(new RtspError('protocol', 'frames out of order'))).toBe('protocol');
  });
});
