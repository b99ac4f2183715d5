import { describe, expect, it } from 'vitest';
import { bufferedPercent, videoErrorKey } from './videoProgress';

const ranges = (...spans: [number, number][]) => ({
  length: spans.length,
  start: (i: number) => spans[i]![0],
  end: (i: number) => spans[i]![1],
});

describe('bufferedPercent', () => {
  it('is unknown until the duration is', () => {
    expect(bufferedPercent(ranges(), 0, Number.NaN)).toBeNull();
    expect(bufferedPercent(ranges([0, 5]), 0, Number.POSITIVE_INFINITY)).toBeNull();
    expect(bufferedPercent(ranges(), 0, 0)).toBeNull();
  });
  it('counts the range under the playhead, also after a seek into the middle', () => {
    expect(bufferedPercent(ranges(), 0, 60)).toBe(0);
    expect(bufferedPercent(ranges([0, 15]), 3, 60)).toBe(25);
    expect(bufferedPercent(ranges([0, 15], [40, 48]), 41, 60)).toBe(80);
    // Seeked to a gap: nothing ahead yet, the playhead's own place.
    expect(bufferedPercent(ranges([0, 15], [40, 48]), 30, 60)).toBe(50);
    expect(bufferedPercent(ranges([0, 60]), 60, 60)).toBe(100);
  });
});

describe('videoErrorKey', () => {
  it('tells a broken connection from a broken file from a refusal', () => {
    expect(videoErrorKey(2)).toBe('videoNetwork');
    expect(videoErrorKey(3)).toBe('videoDecode');
    expect(videoErrorKey(4)).toBe('videoRefused');
    expect(videoErrorKey(undefined)).toBe('videoRefused');
  });
});
