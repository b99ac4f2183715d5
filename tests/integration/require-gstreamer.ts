import { probeRtspSupport, type RtspSupport } from '../../sim/rtsp';

export interface GstreamerGate {
  support: RtspSupport;
  /** GStreamer's RTSP feeds with every codec asked for can run here. */
  available: boolean;
}

export type FeedCodec = 'h264' | 'h265';

/**
 * The GStreamer gate of a test file: without the RTSP feeds its suites skip (`describe.skipIf(!available)`), with a
 * warning naming `what` and what is missing; under `IOC_REQUIRE_SERVICES=1` (CI) the file fails at load instead.
 */
export async function requireGstreamer(
  what: string,
  probe: () => Promise<RtspSupport> = probeRtspSupport,
  codecs: readonly FeedCodec[] = ['h264'],
): Promise<GstreamerGate> {
  const support = await probe();
  const available = support.gstreamer && codecs.every((codec) => support[codec]);
  if (!available) {
    const why = `GStreamer RTSP feeds unavailable (${support.error ?? support.missing.join(', ')})`;
    if (process.env.IOC_REQUIRE_SERVICES === '1') throw new Error(`${why}; IOC_REQUIRE_SERVICES=1 requires them`);
    console.warn(`SKIPPED ${what}: ${why}`);
  }
  return { support, available };
}
