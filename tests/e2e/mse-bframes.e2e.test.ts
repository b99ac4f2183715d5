// Chromium's MSE on the native muxer's fMP4 of streams with B-frames (decode times and composition offsets,
// written one frame at a time as the live path does): appended fragment by fragment, every frame lands in one
// buffered range (no decode-time discontinuity that would drop frames until the next key frame), the video plays
// through it without a media error, and the decoder shows every frame.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFmp4Muxer } from '../../src-main/services/streams/fmp4';
import {
  encodeReorderedTestStream,
  type TestStream,
  type TestStreamSpec,
} from '../../src-main/services/streams/fmp4/h264-test-stream';
import { launchBrowser, newPage } from './harness';

const FRAMES = 100;
const FPS = 25;
const SPECS: (TestStreamSpec & { depth: number })[] = [
  {
    name: 'b2',
    size: '320x240',
    x264: ['-bf', '2', '-x264-params', 'b-pyramid=none'],
    frames: FRAMES,
    fps: FPS,
    depth: 1,
  },
  { name: 'b3-pyramid', size: '320x240', x264: ['-bf', '3', '-b_strategy', '0'], frames: FRAMES, fps: FPS, depth: 2 },
];

interface Played {
  supported: boolean;
  ranges: [number, number][];
  errors: string[];
  currentTime: number;
  decodedFrames: number;
}

let dir: string;
let browser: Browser;
const streams = new Map<string, TestStream>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mse-bframes-'));
  for (const spec of SPECS) streams.set(spec.name, encodeReorderedTestStream(dir, spec));
  browser = await launchBrowser(['--autoplay-policy=no-user-gesture-required']);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(SPECS)('MSE in Chromium, $name (reorder depth $depth)', (spec) => {
  it('buffers every frame in one range and plays through it without an error', async () => {
    const stream = streams.get(spec.name)!;
    const muxer = createFmp4Muxer(stream.params);
    const parts = [muxer.init, ...stream.units.map((au) => muxer.fragment(au))].map((b) => b.toString('base64'));
    const { context, page } = await newPage(browser);
    try {
      const played = await page.evaluate(
        async ({ parts, mime }) => {
          const errors: string[] = [];
          if (!MediaSource.isTypeSupported(mime)) {
            return { supported: false, ranges: [], errors, currentTime: 0, decodedFrames: 0 } satisfies Played;
          }
          const video = document.createElement('video');
          video.muted = true;
          document.body.append(video);
          video.addEventListener('error', () => errors.push(`video: ${video.error?.message ?? '?'}`));
          const source = new MediaSource();
          video.src = URL.createObjectURL(source);
          await new Promise((resolve) => source.addEventListener('sourceopen', resolve, { once: true }));
          const buffer = source.addSourceBuffer(mime);
          buffer.addEventListener('error', () => errors.push('source buffer error'));
          for (const part of parts) {
            buffer.appendBuffer(Uint8Array.from(atob(part), (c) => c.charCodeAt(0)));
            await new Promise((resolve) => buffer.addEventListener('updateend', resolve, { once: true }));
          }
          const ranges: [number, number][] = [];
          for (let i = 0; i < buffer.buffered.length; i++)
            ranges.push([buffer.buffered.start(i), buffer.buffered.end(i)]);
          source.endOfStream();
          // Frames dropped (a gap, or a second range): playback would stall there, so report without playing.
          if (ranges.length !== 1) return { supported: true, ranges, errors, currentTime: 0, decodedFrames: 0 };
          video.currentTime = ranges[0]?.[0] ?? 0;
          await video.play();
          // Media time, not a wall-clock budget: wait for the end (or an error), however long the machine takes.
          await new Promise<void>((resolve) => {
            video.addEventListener('ended', () => resolve(), { once: true });
            video.addEventListener('error', () => resolve(), { once: true });
          });
          return {
            supported: true,
            ranges,
            errors,
            currentTime: video.currentTime,
            decodedFrames: video.getVideoPlaybackQuality().totalVideoFrames,
          } satisfies Played;
        },
        { parts, mime: `video/mp4; codecs="${muxer.codec}"` },
      );
      expect(played.supported).toBe(true);
      expect(played.errors).toEqual([]);
      // Presentation starts `depth` frames after 0 (the timeline's one shift) and spans every frame.
      const frame = 1 / FPS;
      expect(played.ranges).toHaveLength(1);
      expect(played.ranges[0]![0]).toBeCloseTo(spec.depth * frame, 3);
      expect(played.ranges[0]![1]).toBeCloseTo((spec.depth + FRAMES) * frame, 3);
      expect(played.currentTime).toBeCloseTo(played.ranges[0]![1], 2);
      // Every frame went through the decoder (the seek to the range's start may decode the first ones twice).
      expect(played.decodedFrames).toBeGreaterThanOrEqual(FRAMES);
    } finally {
      await context.close();
    }
  }, 60_000);
});
