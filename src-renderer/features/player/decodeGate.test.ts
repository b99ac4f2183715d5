import { describe, expect, it } from 'vitest';
import { admit, MAX_BACKLOG_US } from './decodeGate';

const frame = { needKey: false, key: false, queued: 0, durationUs: 40_000 };

describe('which coded frames the WebCodecs player decodes', () => {
  it('decodes while the decoder keeps up', () => {
    expect(admit(frame)).toEqual({ decode: true, needKey: false });
    expect(admit({ ...frame, queued: MAX_BACKLOG_US / 40_000 })).toEqual({ decode: true, needKey: false });
  });

  it('skips to the next key frame once more than the bound of video waits', () => {
    const behind = admit({ ...frame, queued: MAX_BACKLOG_US / 40_000 + 1 });
    expect(behind).toEqual({ decode: false, needKey: true });
    expect(admit({ ...frame, needKey: behind.needKey })).toEqual({ decode: false, needKey: true });
    expect(admit({ ...frame, needKey: true, key: true, queued: 50 })).toEqual({ decode: true, needKey: false });
  });

  it('measures the backlog in time: fewer chunks of a slow stream are as much video', () => {
    expect(admit({ ...frame, queued: 6, durationUs: 100_000 }).decode).toBe(false);
    expect(admit({ ...frame, queued: 6, durationUs: 40_000 }).decode).toBe(true);
    expect(admit({ ...frame, queued: 6, durationUs: null }).decode).toBe(true);
  });

  it('starts only from a key frame', () => {
    expect(admit({ ...frame, needKey: true })).toEqual({ decode: false, needKey: true });
    expect(admit({ ...frame, needKey: true, key: true })).toEqual({ decode: true, needKey: false });
  });
});
