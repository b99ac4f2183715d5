// The H.265 → H.264 fallback joining a camera mid-GOP (issue 4): the first picture a viewer gets must be the
// camera's picture, not the grey frames the HEVC decoder makes from missing references until the next keyframe.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { redact } from '../../src-shared/domain/redact';
import { createStreamsService, type MediaFragment, type StreamsService } from '../../src-main/services/streams';
import { createPrivateDir } from '../../src-main/services/streams/source-file';
import { probeRtspSupport, startRtspServer, type RtspServer } from '../../sim/rtsp';
import { requireGstreamer } from './require-gstreamer';
import { meanDifference, startCopyClient, type RunningClient } from '../../sim/rtsp/testing/ffmpeg';
import { captureLogger, children, waitFor } from './streams-harness';

const { available } = await requireGstreamer('H.265 transcoding fallback', probeRtspSupport, ['h265']);
const WIDTH = 320;
const HEIGHT = 240;
const FPS = 10;
/** The feeds put a keyframe every 2 × fps frames. */
const GOP = 2 * FPS;

/** Decodes init + fragments with ffmpeg into 8-bit grey pictures, one Buffer per frame. */
function decodeGray(dir: string, init: Buffer, fragments: readonly MediaFragment[]): Buffer[] {
  const file = join(dir, `decoded-${fragments.length}.mp4`);
  writeFileSync(file, Buffer.concat([init, ...fragments.map((f) => f.bytes)]));
  const raw = execFileSync(
    'ffmpeg',
    ['-nostdin', '-v', 'error', '-i', file, '-vf', 'format=gray', '-f', 'rawvideo', 'pipe:1'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const size = WIDTH * HEIGHT;
  const frames: Buffer[] = [];
  for (let at = 0; at + size <= raw.length; at += size) frames.push(raw.subarray(at, at + size));
  return frames;
}

function lumaDeviation(frame: Buffer): number {
  let sum = 0;
  let squares = 0;
  for (const v of frame) {
    sum += v;
    squares += v * v;
  }
  const mean = sum / frame.length;
  return Math.sqrt(squares / frame.length - mean * mean);
}

describe.runIf(available)('H.265 transcoding fallback joining mid-GOP', () => {
  let server: RtspServer;
  let warm: RunningClient | null = null;
  let service: StreamsService | null = null;
  const dir = createPrivateDir('ioc-transcode-test-');

  beforeAll(async () => {
    server = await startRtspServer({
      // SMPTE bars: a picture whose luma varies a lot, unlike a grey reference-less frame.
      mounts: [{ path: 'hevc/main', codec: 'h265', width: WIDTH, height: HEIGHT, fps: FPS, pattern: 'smpte' }],
    });
  });
  afterEach(async () => {
    await service?.dispose();
    service = null;
    await warm?.stop();
    warm = null;
    expect(children()).toEqual([]);
  });
  afterAll(async () => {
    await server?.dispose();
    dir.remove();
  });

  it('delivers the camera’s picture from the first frame, not grey frames until the next H.265 keyframe', async () => {
    // Another client keeps the shared encoder running, so the transcoder joins a GOP already under way.
    warm = startCopyClient(server.urlFor('hevc/main'));
    await warm.waitForFrames(GOP + GOP / 4, 30_000);

    const log = captureLogger();
    service = createStreamsService({
      resolveSource: async () => ({ url: server.urlFor('hevc/main'), username: '', password: '', codec: 'H265' }),
      logger: log.logger,
      redact,
      timing: { lingerMs: 0 },
    });
    let init: Buffer | null = null;
    const fragments: MediaFragment[] = [];
    await service.subscribe('hevc', 'main', {
      init: (segment) => void (init = segment.bytes),
      fragment: (fragment) => void fragments.push(fragment),
      backlog: () => 0,
      end() {},
    });
    // Past the next source keyframe wherever the join fell, so a later picture is a sound reference.
    await waitFor(() => fragments.length >= GOP + 5, `${GOP + 5} transcoded frames`, 60_000);
    expect(service.stats()).toMatchObject([{ codec: 'H265', transcoded: true }]);
    // The join really was mid-GOP: with `-fflags nobuffer` the HEVC decoder meets pictures whose references it
    // never had (without the guard below those would reach the viewer as grey frames).
    expect(log.lines.some((line) => /Could not find ref|missing reference/i.test(line))).toBe(true);

    const frames = decodeGray(dir.path, init!, fragments);
    expect(frames.length).toBe(fragments.length);
    const first = frames[0]!;
    const reference = frames.at(-1)!;
    // Bars, clock and label: the first picture is as detailed as a later one and looks like it.
    expect(lumaDeviation(reference)).toBeGreaterThan(40);
    expect(lumaDeviation(first)).toBeGreaterThan(0.8 * lumaDeviation(reference));
    expect(meanDifference(first, reference)).toBeLessThan(12);
    expect(fragments[0]!.keyframe).toBe(true);
  });
});
