import { describe, expect, it } from 'vitest';
import { createFanout, type InitSegment, type MediaFragment, type MediaSink } from './fanout';

const init = (n: number): InitSegment => ({
  bytes: Buffer.from([n]),
  info: { sampleEntry: 'avc1', codecs: 'avc1.42c01e', width: 1, height: 1, defaultSampleFlags: 0 },
  mime: 'video/mp4; codecs="avc1.42c01e"',
});
const frag = (id: number, keyframe = false, size = 10): MediaFragment => ({
  bytes: Buffer.alloc(size, id),
  keyframe,
  sampleCount: 1,
});

function recorder(backlog: () => number = () => 0) {
  const got: string[] = [];
  const sink: MediaSink = {
    init: (s) => got.push(`init${s.bytes[0]}`),
    fragment: (f) => got.push(`${f.keyframe ? 'K' : 'f'}${f.bytes[0]}`),
    backlog,
    end: () => got.push('end'),
  };
  return { got, sink };
}

describe('fan-out', () => {
  it('gives a late viewer the init and the last GOP at once, starting at its keyframe', () => {
    const fanout = createFanout({ maxBacklogBytes: 1000, maxGopBytes: 1000 }, () => {});
    const early = recorder();
    fanout.subscribe(early.sink);
    fanout.init(init(1));
    [frag(1), frag(2, true), frag(3), frag(4, true), frag(5), frag(6)].forEach((f) => fanout.fragment(f));
    expect(early.got).toEqual(['init1', 'K2', 'f3', 'K4', 'f5', 'f6']);
    const late = recorder();
    fanout.subscribe(late.sink);
    expect(late.got).toEqual(['init1', 'K4', 'f5', 'f6']);
    fanout.fragment(frag(7));
    expect(late.got.at(-1)).toBe('f7');
  });

  it('makes a slow viewer skip to the next keyframe instead of queueing, without slowing the others', () => {
    const fanout = createFanout({ maxBacklogBytes: 100, maxGopBytes: 1000 }, () => {});
    let queued = 0;
    const slow = recorder(() => queued);
    const fast = recorder();
    fanout.init(init(1));
    const s = fanout.subscribe(slow.sink);
    fanout.subscribe(fast.sink);
    fanout.fragment(frag(1, true));
    queued = 500;
    fanout.fragment(frag(2));
    fanout.fragment(frag(3));
    queued = 0;
    fanout.fragment(frag(4));
    fanout.fragment(frag(5, true));
    fanout.fragment(frag(6));
    expect(slow.got).toEqual(['init1', 'K1', 'K5', 'f6']);
    expect(fast.got).toEqual(['init1', 'K1', 'f2', 'f3', 'f4', 'K5', 'f6']);
    expect(s.dropped).toBe(3);
  });

  it('re-sends the init after a restart and waits for a keyframe; drops an oversized GOP; isolates a failing sink', () => {
    const errors: unknown[] = [];
    const fanout = createFanout({ maxBacklogBytes: 1000, maxGopBytes: 25 }, (e) => errors.push(e));
    const viewer = recorder();
    fanout.subscribe(viewer.sink);
    fanout.init(init(1));
    fanout.fragment(frag(1, true));
    fanout.init(init(2));
    fanout.fragment(frag(2));
    fanout.fragment(frag(3, true));
    expect(viewer.got).toEqual(['init1', 'K1', 'init2', 'K3']);
    fanout.fragment(frag(4));
    fanout.fragment(frag(5));
    const late = recorder();
    fanout.subscribe(late.sink);
    expect(late.got).toEqual(['init2']);
    fanout.subscribe({
      ...recorder().sink,
      fragment: () => {
        throw new Error('boom');
      },
    });
    fanout.fragment(frag(6, true));
    expect(errors).toHaveLength(1);
    expect(fanout.count).toBe(2);
    fanout.end();
    expect(viewer.got.at(-1)).toBe('end');
    expect(fanout.count).toBe(0);
  });
});
