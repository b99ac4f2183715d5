// How a stream is ingested, as a real core reports it: a camera whose port answers garbage goes from the native
// reader to ffmpeg, and both streams.stats and /metrics say ffmpeg copies it and why, with the fallback counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveStreamStats } from '../../src-shared/contract/streams';
import {
  children,
  openMediaSocket,
  startGarbageServer,
  startStreamsCore,
  waitFor,
  type GarbageServer,
  type StreamsCore,
} from './streams-harness';

describe('stream ingest in streams.stats and /metrics', () => {
  let garbage: GarbageServer;
  let t: StreamsCore;
  beforeAll(async () => {
    garbage = await startGarbageServer();
    t = await startStreamsCore(
      async () => ({
        url: `rtsp://127.0.0.1:${garbage.port}/x`,
        username: 'u',
        password: 'garbage-pass',
        codec: 'H264',
      }),
      'native',
    );
  });
  afterAll(async () => {
    await t?.stop();
    expect(children()).toEqual([]);
    await garbage?.close();
  });

  it('shows ffmpeg copying a camera the native reader gave up on, the reason, and the count by reason', async () => {
    const token = await t.login('operator');
    const socket = await openMediaSocket(t.url, token);
    try {
      const opened = await socket.call('streams.open', { cameraId: 'g', profile: 'main' });
      expect(opened).toMatchObject({ t: 'result', ok: true });
      const stats = async () => ((await t.rpc('streams.stats', {}, token)).json as { value: LiveStreamStats[] }).value;
      const [copied] = await waitFor(
        async () => {
          const list = await stats();
          return list[0]?.ingest === 'copy' && list;
        },
        'ffmpeg to take the camera over',
        20_000,
        200,
      );
      expect(copied).toMatchObject({ cameraId: 'g', ingest: 'copy', fallbackReason: 'protocol', transcoded: false });

      const metrics = await (await fetch(`${t.url}/metrics`)).text();
      expect(metrics).toMatch(
        /^ioc_stream_ingest_info\{camera="g",fallback_reason="protocol",ingest="copy",profile="main"\} 1$/m,
      );
      expect(metrics).toContain('# TYPE ioc_stream_fallbacks_total counter');
      expect(metrics).toMatch(/^ioc_stream_fallbacks_total\{reason="protocol"\} 1$/m);
      expect(metrics).toMatch(/^ioc_stream_fallbacks_total\{reason="codec"\} 0$/m);
    } finally {
      await socket.close();
    }
  });
});
