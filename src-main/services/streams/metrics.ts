import { INGEST_FALLBACK_REASONS, type LiveStreamStats } from '../../../src-shared/contract/streams';
import type { StreamsService } from './service';

type Labels = Record<string, string>;

/** The part of the core's metrics registry this needs (structurally the same). */
export interface SeriesSink {
  collectSeries(
    name: string,
    help: string,
    read: () => { labels: Labels; value: number }[],
    type?: 'gauge' | 'counter',
  ): void;
}

const SERIES: [string, string, (s: LiveStreamStats) => number, ('gauge' | 'counter')?][] = [
  ['ioc_stream_fps', 'Frames per second received, per live stream', (s) => s.fps],
  ['ioc_stream_bitrate_kbps', 'Kilobits per second received, per live stream', (s) => s.bitrateKbps],
  ['ioc_stream_restarts_total', 'Times ffmpeg was started again, per live stream', (s) => s.restarts, 'counter'],
  [
    'ioc_stream_last_frame_age_seconds',
    'Seconds since the last frame, per live stream',
    (s) => (s.lastFrameAgeMs ?? 0) / 1000,
  ],
  ['ioc_stream_viewers', 'Viewers of each live stream', (s) => s.viewers],
  ['ioc_stream_transcoded', '1 when a live stream is re-encoded to H.264', (s) => (s.transcoded ? 1 : 0)],
];

/**
 * Per-stream figures in /metrics; `ioc_stream_up` carries the state as a label, `ioc_stream_ingest_info` who
 * reads the stream and why not the native reader; `ioc_stream_fallbacks_total` counts those reasons.
 */
export function registerStreamMetrics(metrics: SeriesSink, service: Pick<StreamsService, 'stats' | 'fallbacks'>): void {
  const labels = (s: LiveStreamStats) => ({ camera: s.cameraId, profile: s.profile });
  for (const [name, help, pick, type] of SERIES) {
    metrics.collectSeries(name, help, () => service.stats().map((s) => ({ labels: labels(s), value: pick(s) })), type);
  }
  metrics.collectSeries('ioc_stream_up', '1 while a live stream is playing, with its state', () =>
    service.stats().map((s) => ({ labels: { ...labels(s), state: s.state }, value: s.state === 'playing' ? 1 : 0 })),
  );
  metrics.collectSeries(
    'ioc_stream_ingest_info',
    'Who reads each live stream (native, copy or transcode) and why not the native reader (fallback_reason)',
    () =>
      service.stats().map((s) => ({
        labels: { ...labels(s), ingest: s.ingest, fallback_reason: s.fallbackReason ?? 'none' },
        value: 1,
      })),
  );
  metrics.collectSeries(
    'ioc_stream_fallbacks_total',
    'Live streams that ffmpeg read instead of the native reader, by reason',
    () => {
      const counts = service.fallbacks();
      return INGEST_FALLBACK_REASONS.map((reason) => ({ labels: { reason }, value: counts.get(reason) ?? 0 }));
    },
    'counter',
  );
}
