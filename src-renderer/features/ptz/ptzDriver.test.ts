import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Result } from '../../bridge';
import { PtzDriver } from './ptzDriver';
import { STILL, type Velocity } from './velocity';

type Call = { kind: 'move'; velocity: Velocity; timeoutMs: number } | { kind: 'stop' };

/** A camera link whose replies the test releases one by one, to see what the driver sends and when. */
function fakeLink(fail: (call: Call) => boolean = () => false) {
  const calls: Call[] = [];
  const waiting: (() => void)[] = [];
  const reply = (call: Call): Promise<Result<unknown>> => {
    calls.push(call);
    return new Promise((resolve) => {
      waiting.push(() =>
        resolve(
          fail(call) ? { ok: false, error: { code: 'unavailable', message: 'camera gone' } } : { ok: true, value: {} },
        ),
      );
    });
  };
  return {
    calls,
    pending: () => waiting.length,
    /** Answers every call made so far, then lets the driver's promise chain run. */
    async answerAll(): Promise<void> {
      while (waiting.length > 0) {
        waiting.shift()?.();
        await vi.advanceTimersByTimeAsync(0);
      }
    },
    move: (velocity: Velocity, timeoutMs: number) => reply({ kind: 'move', velocity, timeoutMs }),
    stop: () => reply({ kind: 'stop' }),
  };
}

/** dispose() waits for its stop to be answered, so the test answers while it waits. */
async function disposeAnswering(driver: PtzDriver, link: ReturnType<typeof fakeLink>): Promise<void> {
  const disposed = driver.dispose();
  await link.answerAll();
  await disposed;
}

const RIGHT: Velocity = { pan: 0.5, tilt: 0, zoom: 0 };

describe('PtzDriver', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('hold → one move, repeated before the camera timeout while held; release → one stop', async () => {
    const link = fakeLink();
    const driver = new PtzDriver({ ...link, refreshMs: 400, moveTimeoutMs: 1200 });
    driver.set('keys', RIGHT);
    expect(link.calls).toEqual([{ kind: 'move', velocity: RIGHT, timeoutMs: 1200 }]);
    await link.answerAll();
    expect(driver.state.moving).toBe(true);

    await vi.advanceTimersByTimeAsync(400);
    await link.answerAll();
    await vi.advanceTimersByTimeAsync(400);
    await link.answerAll();
    expect(link.calls.filter((c) => c.kind === 'move')).toHaveLength(3);

    driver.set('keys', STILL);
    await link.answerAll();
    expect(link.calls.at(-1)).toEqual({ kind: 'stop' });
    expect(driver.state.moving).toBe(false);

    await vi.advanceTimersByTimeAsync(2000);
    expect(link.calls).toHaveLength(4);
    await disposeAnswering(driver, link);
  });

  test('one call at a time: a change during a call is sent after it, only the latest', async () => {
    const link = fakeLink();
    const driver = new PtzDriver(link);
    driver.set('pad', { pan: 0.1, tilt: 0, zoom: 0 });
    driver.set('pad', { pan: 0.2, tilt: 0, zoom: 0 });
    driver.set('pad', { pan: 0.3, tilt: 0, zoom: 0 });
    expect(link.pending()).toBe(1);
    await link.answerAll();
    expect(link.calls.map((c) => (c.kind === 'move' ? c.velocity.pan : 'stop'))).toEqual([0.1, 0.3]);
    await disposeAnswering(driver, link);
  });

  test('a release during a move is a stop sent after that move is answered', async () => {
    const link = fakeLink();
    const driver = new PtzDriver(link);
    driver.set('pad', RIGHT);
    driver.set('pad', STILL);
    expect(link.calls).toHaveLength(1);
    await link.answerAll();
    expect(link.calls.map((c) => c.kind)).toEqual(['move', 'stop']);
    await disposeAnswering(driver, link);
  });

  test('inputs add up and clamp; releasing one keeps the other moving', async () => {
    const link = fakeLink();
    const driver = new PtzDriver(link);
    driver.set('keys', { pan: 0.5, tilt: 0, zoom: 0 });
    await link.answerAll();
    driver.set('gamepad', { pan: 0.8, tilt: -0.25, zoom: 0 });
    await link.answerAll();
    expect(link.calls.at(-1)).toMatchObject({ kind: 'move', velocity: { pan: 1, tilt: -0.25, zoom: 0 } });
    driver.set('keys', STILL);
    await link.answerAll();
    expect(link.calls.at(-1)).toMatchObject({ kind: 'move', velocity: { pan: 0.8, tilt: -0.25, zoom: 0 } });
    await disposeAnswering(driver, link);
    expect(link.calls.at(-1)).toEqual({ kind: 'stop' });
  });

  test('a failed move is reported and not retried until the input is released', async () => {
    const link = fakeLink((call) => call.kind === 'move');
    const states: (string | null)[] = [];
    const driver = new PtzDriver({ ...link, onState: (s) => states.push(s.error?.code ?? null) });
    driver.set('keys', RIGHT);
    await link.answerAll();
    expect(driver.state).toMatchObject({ moving: false, error: { code: 'unavailable' } });
    driver.set('keys', { pan: 1, tilt: 0, zoom: 0 });
    await vi.advanceTimersByTimeAsync(2000);
    await link.answerAll();
    expect(link.calls).toHaveLength(1);
    // Released (nothing to stop: the move never started), then pressed again: one new attempt.
    driver.set('keys', STILL);
    driver.set('keys', RIGHT);
    await link.answerAll();
    expect(link.calls.map((c) => c.kind)).toEqual(['move', 'move']);
    expect(states).toContain('unavailable');
    await disposeAnswering(driver, link);
  });

  test('dispose stops a moving camera, leaves no timer and ignores later input', async () => {
    const link = fakeLink();
    const driver = new PtzDriver(link);
    driver.set('pad', RIGHT);
    await link.answerAll();
    await disposeAnswering(driver, link);
    expect(link.calls.at(-1)).toEqual({ kind: 'stop' });
    expect(vi.getTimerCount()).toBe(0);
    driver.set('pad', RIGHT);
    expect(link.calls.at(-1)).toEqual({ kind: 'stop' });
  });
});
