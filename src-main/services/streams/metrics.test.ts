import { describe, expect, it } from 'vitest';
import type { IngestFallbackReason, LiveStreamStats } from '../../../src-shared/contract/streams';
import { registerStreamMetrics, type SeriesSink } from './metrics';

type Read = () => { labels: Record<string, string>; value: number }[];

function stats(patch: Partial<LiveStreamStats>): LiveStreamStats {
  return {
    cameraId: 'cam1',
    profile: 'main',
    state: 'playing',
    codec: 'H264',
    transcoded: false,
    ingest: 'native',
    fallbackReason: null,
    mime: null,
    width: null,
    height: null,
    fps: 25,
    bitrateKbps: 300,
    restarts: 0,
    lastFrameAgeMs: 40,
    viewers: 1,
    retryInMs: null,
    lastError: null,
    ...patch,
  };
}

function collect(list: LiveStreamStats[], fallbacks: [IngestFallbackReason, number][]) {
  const series = new Map<string, { read: Read; type: string }>();
  const sink: SeriesSink = {
    collectSeries: (name, _help, read, type = 'gauge') => void series.set(name, { read, type }),
  };
  registerStreamMetrics(sink, {
    stats: () => list,
    fallbacks: () => new Map(fallbacks),
  });
  return series;
}

describe('stream metrics', () => {
  it('labels each stream with who reads it and why not natively', () => {
    const series = collect(
      [
        stats({}),
        stats({ cameraId: 'cam2', ingest: 'copy', fallbackReason: 'redirect' }),
        stats({ cameraId: 'cam3', profile: 'sub', ingest: 'transcode', fallbackReason: 'codec', transcoded: true }),
      ],
      [],
    );
    expect(series.get('ioc_stream_ingest_info')!.read()).toEqual([
      { labels: { camera: 'cam1', profile: 'main', ingest: 'native', fallback_reason: 'none' }, value: 1 },
      { labels: { camera: 'cam2', profile: 'main', ingest: 'copy', fallback_reason: 'redirect' }, value: 1 },
      { labels: { camera: 'cam3', profile: 'sub', ingest: 'transcode', fallback_reason: 'codec' }, value: 1 },
    ]);
  });

  it('counts fallbacks by reason, every reason present from the start', () => {
    const series = collect([], [['protocol', 2]]);
    const fallbacks = series.get('ioc_stream_fallbacks_total')!;
    expect(fallbacks.type).toBe('counter');
    const values = Object.fromEntries(fallbacks.read().map((s) => [s.labels.reason, s.value]));
    expect(values).toEqual({ rtsps: 0, redirect: 0, packetization: 0, discontinuities: 0, protocol: 2, codec: 0 });
  });
});
