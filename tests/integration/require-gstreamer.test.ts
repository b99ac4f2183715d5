import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RtspSupport } from '../../sim/rtsp';
import { requireGstreamer } from './require-gstreamer';

const probe = (support: RtspSupport) => () => Promise.resolve(support);
const full: RtspSupport = { gstreamer: true, h264: true, h265: true, missing: [] };
const noX264: RtspSupport = { gstreamer: true, h264: false, h265: false, missing: ['x264enc'] };
const none: RtspSupport = { gstreamer: false, error: 'No module named gi', h264: false, h265: false, missing: [] };

describe('the GStreamer gate of a test file', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('passes the probe through when the feeds can run', async () => {
    vi.stubEnv('IOC_REQUIRE_SERVICES', '1');
    await expect(requireGstreamer('t', probe(full))).resolves.toEqual({ support: full, available: true });
  });

  it('skips with a warning naming what is missing', async () => {
    vi.stubEnv('IOC_REQUIRE_SERVICES', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await expect(requireGstreamer('tests/x', probe(noX264))).resolves.toMatchObject({ available: false });
      await expect(requireGstreamer('tests/y', probe(none))).resolves.toMatchObject({ available: false });
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
        'SKIPPED tests/x: GStreamer RTSP feeds unavailable (x264enc)',
        'SKIPPED tests/y: GStreamer RTSP feeds unavailable (No module named gi)',
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it('asks for every codec named (H.265 feeds need x265enc)', async () => {
    vi.stubEnv('IOC_REQUIRE_SERVICES', '1');
    const noX265: RtspSupport = { gstreamer: true, h264: true, h265: false, missing: ['x265enc'] };
    await expect(requireGstreamer('t', probe(noX265))).resolves.toMatchObject({ available: true });
    await expect(requireGstreamer('t', probe(noX265), ['h264', 'h265'])).rejects.toThrow(
      'GStreamer RTSP feeds unavailable (x265enc); IOC_REQUIRE_SERVICES=1 requires them',
    );
  });

  it('fails instead under IOC_REQUIRE_SERVICES=1', async () => {
    vi.stubEnv('IOC_REQUIRE_SERVICES', '1');
    await expect(requireGstreamer('t', probe(noX264))).rejects.toThrow(
      'GStreamer RTSP feeds unavailable (x264enc); IOC_REQUIRE_SERVICES=1 requires them',
    );
  });
});
