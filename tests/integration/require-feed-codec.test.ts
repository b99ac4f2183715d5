// The gate of a single case that needs H.265 feeds (`it.runIf(requireFeedCodec(gate, 'h265', …))`): it used to be
// `it.runIf(support.h265)`, which skipped quietly without x265, in CI too.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RtspSupport } from '../../sim/rtsp';
import { requireFeedCodec } from './require-gstreamer';

const full: RtspSupport = { gstreamer: true, h264: true, h265: true, missing: [] };
const noX265: RtspSupport = { gstreamer: true, h264: true, h265: false, missing: ['x265enc'] };
const none: RtspSupport = { gstreamer: false, error: 'No module named gi', h264: false, h265: false, missing: [] };

describe('the codec gate of one case', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('runs the case when the codec is there', () => {
    vi.stubEnv('IOC_REQUIRE_SERVICES', '1');
    expect(requireFeedCodec({ support: full, available: true }, 'h265', 't')).toBe(true);
  });

  it('fails the file under IOC_REQUIRE_SERVICES=1 when the codec is missing', () => {
    vi.stubEnv('IOC_REQUIRE_SERVICES', '1');
    expect(() => requireFeedCodec({ support: noX265, available: true }, 'h265', 'tests/x: H.265 mount')).toThrow(
      'tests/x: H.265 mount: GStreamer H.265 feeds unavailable (x265enc); IOC_REQUIRE_SERVICES=1 requires them',
    );
  });

  it('otherwise skips the case with a warning naming it and what is missing', () => {
    vi.stubEnv('IOC_REQUIRE_SERVICES', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(requireFeedCodec({ support: noX265, available: true }, 'h265', 'tests/x: H.265 mount')).toBe(false);
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
        'SKIPPED tests/x: H.265 mount: GStreamer H.265 feeds unavailable (x265enc)',
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it('leaves a file whose own gate is closed to that gate (its suites skip, or it failed at load)', () => {
    vi.stubEnv('IOC_REQUIRE_SERVICES', '1');
    expect(requireFeedCodec({ support: none, available: false }, 'h265', 't')).toBe(false);
  });
});
