import { describe, expect, it } from 'vitest';
import { encodeMediaFrame, MEDIA_KIND, type MediaFrame } from '../../src-shared/contract';
import { MediaRouter } from './media';

const wire = (kind: MediaFrame['kind'], channel: number, byte: number): ArrayBuffer => {
  const bytes = encodeMediaFrame({ kind, channel, payload: new Uint8Array([byte]) });
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};

function recorder() {
  const frames: string[] = [];
  let lost = 0;
  return {
    frames,
    lost: () => lost,
    listener: {
      frame: (f: MediaFrame) => void frames.push(`${f.kind}:${f.channel}:${f.payload[0]}`),
      lost: () => void lost++,
    },
  };
}

describe('media router', () => {
  it('delivers each channel’s frames to the player that opened it, in order', () => {
    const router = new MediaRouter();
    const a = recorder();
    const b = recorder();
    router.attach(1, a.listener);
    router.attach(2, b.listener);
    router.route(wire(MEDIA_KIND.init, 1, 10));
    router.route(wire(MEDIA_KIND.fragment, 2, 20));
    router.route(wire(MEDIA_KIND.fragment, 1, 11));
    expect(a.frames).toEqual(['1:1:10', '2:1:11']);
    expect(b.frames).toEqual(['2:2:20']);
    router.route(new Uint8Array([9, 0, 0]).buffer);
    expect(a.frames).toHaveLength(2);
  });

  it('keeps frames that arrive before the player attaches, and a bounded number of them', () => {
    const router = new MediaRouter();
    router.route(wire(MEDIA_KIND.init, 3, 1));
    router.route(wire(MEDIA_KIND.fragment, 3, 2));
    const early = recorder();
    router.attach(3, early.listener);
    expect(early.frames).toEqual(['1:3:1', '2:3:2']);
    // A closed channel's stragglers never pile up without bound.
    for (let i = 0; i < 1000; i++) router.route(wire(MEDIA_KIND.fragment, 100 + (i % 7), i % 256));
    const late = recorder();
    router.attach(100, late.listener);
    expect(late.frames.length).toBeLessThanOrEqual(256);
  });

  it('tells every player its channel is gone when the socket drops, and starts a new epoch', () => {
    const router = new MediaRouter();
    const a = recorder();
    const detach = router.attach(1, a.listener);
    const epoch = router.epoch;
    router.reset();
    expect(a.lost()).toBe(1);
    expect(router.epoch).toBe(epoch + 1);
    router.route(wire(MEDIA_KIND.fragment, 1, 5));
    expect(a.frames).toEqual([]);
    detach();
    expect(router.size).toBe(0);
  });
});
