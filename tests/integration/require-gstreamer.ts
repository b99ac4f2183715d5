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

/**
 * The gate of one case that needs a codec the file's own gate did not ask for (its other cases run without it):
 * true when the case can run. Without the codec's feeds the case skips with a warning naming what is missing;
 * under `IOC_REQUIRE_SERVICES=1` (CI) the file fails at load instead, as `requireGstreamer` does. When the file's
 * gate is closed its suites skip already, and so does the case.
 */
export function requireFeedCodec(gate: GstreamerGate, codec: FeedCodec, what: string): boolean {
  if (!gate.available) return false;
  if (gate.support[codec]) return true;
  const why = `GStreamer ${codec === 'h265' ? 'H.265' : 'H.264'} feeds unavailable (${gate.support.missing.join(', ') || `no ${codec} encoder`})`;
  if (process.env.IOC_REQUIRE_SERVICES === '1')
    throw new Error(`${what}: ${why}; IOC_REQUIRE_SERVICES=1 requires them`);
  console.warn(`SKIPPED ${what}: ${why}`);
  return false;
}
