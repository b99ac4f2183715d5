// The MSE player's live-edge behaviour against a scripted <video> and MediaSource (no browser): where a tile that
// fell behind jumps to, and how often it asks the page for a callback. Fragments are real per-frame fMP4 from
// ffmpeg (constrained baseline, a key frame every 25 frames, as the simulated cameras send).
import { execFileSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { KEY_SEEK_INTO_SEC } from './liveEdge';
import { MsePlayer } from './msePlayer';

const FPS = 25;
const GOP = 25;
const FRAME_SEC = 1 / FPS;

let init: Uint8Array;
/** One moof + mdat per frame. */
let fragments: Uint8Array[];

function topBoxes(bytes: Uint8Array): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + 8 <= bytes.byteLength; ) {
    const size = view.getUint32(at);
    out.push([String.fromCharCode(...bytes.subarray(at + 4, at + 8)), bytes.subarray(at, at + size)]);
    at += size;
  }
  return out;
}

beforeAll(() => {
  const file = new Uint8Array(
    execFileSync(
      'ffmpeg',
      [
        ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi'],
        ...['-i', `testsrc=size=160x90:rate=${FPS}`, '-t', '3'],
        ...['-c:v', 'libx264', '-profile:v', 'baseline', '-pix_fmt', 'yuv420p'],
        ...['-g', String(GOP), '-sc_threshold', '0'],
        ...['-f', 'mp4', '-movflags', 'frag_every_frame+empty_moov+default_base_moof', '-'],
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    ),
  );
  const boxes = topBoxes(file);
  const moov = boxes.findIndex(([t]) => t === 'moov');
  init = new Uint8Array(boxes.slice(0, moov + 1).flatMap(([, b]) => [...b]));
  fragments = [];
  for (let i = moov + 1; i + 1 < boxes.length; i++) {
    if (boxes[i]![0] !== 'moof') continue;
    fragments.push(new Uint8Array([...boxes[i]![1], ...boxes[i + 1]![1]]));
  }
}, 30_000);

/** A SourceBuffer in 'sequence' mode: each moof + mdat is one frame placed at the end of what it holds. */
class FakeSourceBuffer extends EventTarget {
  mode = 'segments';
  updating = false;
  private range: [number, number] | null = null;
  get buffered() {
    const r = this.range;
    return {
      length: r ? 1 : 0,
      start: () => r![0],
      end: () => r![1],
    };
  }
  appendBuffer(data: Uint8Array): void {
    const frames = topBoxes(data).filter(([t]) => t === 'moof').length;
    if (frames > 0) {
      const start = this.range?.[1] ?? 0;
      this.range = [this.range?.[0] ?? 0, start + frames * FRAME_SEC];
    }
    this.finish();
  }
  remove(_start: number, end: number): void {
    if (this.range) this.range = [end, this.range[1]];
    this.finish();
  }
  abort(): void {}
  private finish(): void {
    this.updating = true;
    setTimeout(() => {
      this.updating = false;
      this.dispatchEvent(new Event('updateend'));
    }, 0);
  }
}

const sources = new Map<string, FakeMediaSource>();
class FakeMediaSource extends EventTarget {
  static isTypeSupported = () => true;
  readyState = 'closed';
  buffer: FakeSourceBuffer | null = null;
  addSourceBuffer(): FakeSourceBuffer {
    this.buffer = new FakeSourceBuffer();
    return this.buffer;
  }
  removeSourceBuffer(): void {}
}

/** A <video> whose playhead moves only when the player seeks (a decoder that has fallen behind). */
class FakeVideo extends EventTarget {
  muted = false;
  playsInline = false;
  playbackRate = 1;
  seeking = false;
  error = null;
  videoWidth = 160;
  videoHeight = 90;
  seeks: number[] = [];
  frameRequests = 0;
  callbacks: ((now: number, meta: { presentedFrames: number }) => void)[] = [];
  quality = { totalVideoFrames: 0, droppedVideoFrames: 0 };
  private time = 0;
  get currentTime(): number {
    return this.time;
  }
  set currentTime(value: number) {
    this.time = value;
    this.seeks.push(value);
  }
  set src(url: string) {
    const source = sources.get(url)!;
    source.readyState = 'open';
    setTimeout(() => source.dispatchEvent(new Event('sourceopen')), 0);
  }
  play = () => Promise.resolve();
  pause(): void {}
  load(): void {}
  removeAttribute(): void {}
  requestVideoFrameCallback(callback: (now: number, meta: { presentedFrames: number }) => void): number {
    this.frameRequests++;
    this.callbacks.push(callback);
    return this.frameRequests;
  }
  cancelVideoFrameCallback(): void {}
  getVideoPlaybackQuality() {
    return this.quality;
  }
  /** The compositor presents a frame: the pending callbacks run once. */
  present(count: number): void {
    const pending = this.callbacks;
    this.callbacks = [];
    for (const callback of pending) callback(0, { presentedFrames: count });
  }
}

const settle = async (rounds = 20) => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

function setUp(options: { legacyLiveEdge: boolean; legacyFrameWatch: boolean }) {
  let serial = 0;
  vi.stubGlobal('MediaSource', FakeMediaSource);
  vi.stubGlobal('MediaError', { MEDIA_ERR_SRC_NOT_SUPPORTED: 4 });
  vi.spyOn(URL, 'createObjectURL').mockImplementation((source) => {
    const url = `blob:fake-${++serial}`;
    sources.set(url, source as unknown as FakeMediaSource);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  const video = new FakeVideo();
  const frames: number[] = [];
  const player = new MsePlayer(
    video as unknown as HTMLVideoElement,
    {
      onFrame: (n) => frames.push(n),
      onFault: (fault, detail) => frames.push(Number.NaN, fault.length, detail.length),
    },
    options,
  );
  return { video, player, frames };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  sources.clear();
});

describe('MSE player', () => {
  it('a tile whose playhead fell behind jumps onto the next key frame as soon as it is appended', async () => {
    const { video, player } = setUp({ legacyLiveEdge: false, legacyFrameWatch: false });
    player.init(init, 'video/mp4; codecs="avc1.42c00d"');
    await settle();
    // The first GOP arrives while the decoder shows nothing: the playhead stays at 0, a second behind.
    for (const fragment of fragments.slice(0, GOP)) {
      player.append(fragment);
      await settle(2);
    }
    await settle();
    expect(video.seeks).toEqual([]);
    // The next key frame: the player jumps onto it (no GOP before it to decode), not to a point before it.
    player.append(fragments[GOP]!);
    await settle();
    expect(video.seeks).toHaveLength(1);
    expect(video.seeks[0]).toBeCloseTo(GOP * FRAME_SEC + KEY_SEEK_INTO_SEC, 6);
    player.dispose();
  });

  it('the earlier policy (ioc.liveEdge=legacy) only plays faster at the same lag', async () => {
    const { video, player } = setUp({ legacyLiveEdge: true, legacyFrameWatch: false });
    player.init(init, 'video/mp4; codecs="avc1.42c00d"');
    await settle();
    for (const fragment of fragments.slice(0, GOP + 1)) {
      player.append(fragment);
      await settle(2);
    }
    await settle();
    expect(video.seeks).toEqual([]);
    expect(video.playbackRate).toBeGreaterThan(1);
    player.dispose();
  });

  it('asks the page for a callback for the first picture only, then reads the count of pictures shown', async () => {
    const { video, player, frames } = setUp({ legacyLiveEdge: false, legacyFrameWatch: false });
    player.init(init, 'video/mp4; codecs="avc1.42c00d"');
    await settle();
    video.present(1);
    video.present(2);
    video.present(3);
    // One callback for the first picture; later pictures cost the page no rendering update each.
    expect(video.frameRequests).toBe(1);
    expect(frames).toEqual([1]);
    video.quality = { totalVideoFrames: 12, droppedVideoFrames: 2 };
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(frames).toEqual([1, 11]);
    // Nothing new shown: no report (the session's stall watch sees the picture stop).
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(frames).toEqual([1, 11]);
    player.dispose();
  });

  it('the earlier frame watch (ioc.frameWatch=legacy) asks again after every picture', async () => {
    const { video, player, frames } = setUp({ legacyLiveEdge: false, legacyFrameWatch: true });
    player.init(init, 'video/mp4; codecs="avc1.42c00d"');
    await settle();
    video.present(1);
    video.present(2);
    expect(video.frameRequests).toBe(3);
    expect(frames).toEqual([1, 2]);
    player.dispose();
  });
});
