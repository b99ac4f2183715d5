import { describe, expect, it } from 'vitest';
import { createNativeRefusals, DEFAULT_REFUSAL_TTL_MS } from './native-refusals';

const HOUR = 60 * 60_000;
const URL_A = 'rtsp://10.0.0.5/main';

function clock() {
  let at = 1_000_000;
  return { now: () => at, advance: (ms: number) => void (at += ms) };
}

describe('native refusal memory', () => {
  it('holds a framing error for an hour, then lets the native reader try again', () => {
    const time = clock();
    const stream = createNativeRefusals({ now: time.now }).forStream('cam\u0000main');
    stream.remember(URL_A, 'protocol');
    expect(stream.current(URL_A)).toBe('protocol');
    time.advance(HOUR - 1);
    expect(stream.current(URL_A)).toBe('protocol');
    time.advance(1);
    expect(stream.current(URL_A)).toBeNull();
    // Forgotten for good: the clock going on does not bring it back.
    time.advance(-10);
    expect(stream.current(URL_A)).toBeNull();
  });

  it('keeps every kind of refusal an hour by default, each reason its own TTL when told', () => {
    expect(Object.values(DEFAULT_REFUSAL_TTL_MS)).toEqual([HOUR, HOUR, HOUR, HOUR]);
    const time = clock();
    const refusals = createNativeRefusals({ now: time.now, ttlMs: { discontinuities: 24 * HOUR } });
    const [clockJumps, redirect, mode2] = ['c', 'r', 'p'].map((key) => refusals.forStream(key));
    clockJumps!.remember(URL_A, 'discontinuities');
    redirect!.remember(URL_A, 'redirect');
    mode2!.remember(URL_A, 'packetization');
    time.advance(HOUR - 1);
    expect([clockJumps!.current(URL_A), redirect!.current(URL_A), mode2!.current(URL_A)]).toEqual([
      'discontinuities',
      'redirect',
      'packetization',
    ]);
    time.advance(1);
    expect([clockJumps!.current(URL_A), redirect!.current(URL_A), mode2!.current(URL_A)]).toEqual([
      'discontinuities',
      null,
      null,
    ]);
    time.advance(23 * HOUR);
    expect(clockJumps!.current(URL_A)).toBeNull();
  });

  it('is per stream and per URL, takes TTLs per reason, and ignores reasons that are not refusals', () => {
    const time = clock();
    const refusals = createNativeRefusals({ now: time.now, ttlMs: { protocol: 50 } });
    const main = refusals.forStream('cam\u0000main');
    const sub = refusals.forStream('cam\u0000sub');
    main.remember(URL_A, 'protocol');
    expect(sub.current(URL_A)).toBeNull();
    // The camera moved: the refusal was about the old address.
    expect(main.current('rtsp://10.0.0.6/main')).toBeNull();
    expect(refusals.forStream('cam\u0000main').current(URL_A)).toBe('protocol');
    time.advance(50);
    expect(main.current(URL_A)).toBeNull();

    sub.remember(URL_A, 'codec');
    sub.remember(URL_A, 'rtsps');
    expect(sub.current(URL_A)).toBeNull();
    // A newer refusal replaces the older one, with its own expiry.
    sub.remember(URL_A, 'discontinuities');
    sub.remember(URL_A, 'protocol');
    time.advance(50);
    expect(sub.current(URL_A)).toBeNull();
  });
});
