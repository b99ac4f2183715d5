import { describe, expect, it } from 'vitest';
import { type CoreChild, type CoreStatus, createCoreSupervisor, type Schedule } from './core-supervisor';

class FakeChild implements CoreChild {
  killed = false;
  private messageListeners: ((message: unknown) => void)[] = [];
  private exitListeners: ((code: number) => void)[] = [];

  constructor(readonly args: string[]) {}

  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener);
  }

  onExit(listener: (code: number) => void): void {
    this.exitListeners.push(listener);
  }

  kill(): void {
    this.killed = true;
  }

  post(message: unknown): void {
    for (const listener of this.messageListeners) listener(message);
  }

  exit(code: number): void {
    for (const listener of this.exitListeners) listener(code);
  }
}

/** A manual clock: timers run only when the test advances time. */
class FakeClock {
  now = 0;
  private timers: { at: number; fn: () => void; cancelled: boolean }[] = [];

  schedule: Schedule = (fn, ms) => {
    const timer = { at: this.now + ms, fn, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = this.timers.filter((timer) => !timer.cancelled && timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      due.cancelled = true;
      this.now = due.at;
      due.fn();
    }
    this.now = until;
  }

  pending(): number {
    return this.timers.filter((timer) => !timer.cancelled).length;
  }
}

function setup(overrides: { readyTimeoutMs?: number; stableAfterMs?: number } = {}) {
  const clock = new FakeClock();
  const children: FakeChild[] = [];
  const statuses: CoreStatus[] = [];
  const supervisor = createCoreSupervisor({
    spawn: (args) => {
      const child = new FakeChild(args);
      children.push(child);
      return child;
    },
    onStatus: (status) => statuses.push(status),
    schedule: clock.schedule,
    random: () => 1,
    backoff: { baseMs: 1000, capMs: 8000 },
    readyTimeoutMs: overrides.readyTimeoutMs ?? 10_000,
    stableAfterMs: overrides.stableAfterMs ?? 60_000,
  });
  const last = (): FakeChild => {
    const child = children.at(-1);
    if (child === undefined) throw new Error('no child spawned');
    return child;
  };
  return { clock, children, statuses, supervisor, last };
}

const READY = { type: 'ready', url: 'http://127.0.0.1:41000' };

describe('createCoreSupervisor', () => {
  it('starts the core on port 0 and becomes ready on a valid message', async () => {
    const { supervisor, last, statuses } = setup();
    supervisor.start();
    expect(last().args).toEqual(['--headless', '--port', '0']);
    const ready = supervisor.whenReady(5000);
    last().post(READY);
    await expect(ready).resolves.toBe('http://127.0.0.1:41000');
    expect(supervisor.status()).toEqual({ state: 'ready', url: 'http://127.0.0.1:41000', urlChanged: false });
    expect(statuses.map((status) => status.state)).toEqual(['starting', 'ready']);
  });

  it('ignores malformed and non-loopback messages', () => {
    const { supervisor, last } = setup();
    supervisor.start();
    last().post({ type: 'ready', url: 'http://10.0.0.1:41000' });
    last().post('ready');
    last().post(null);
    expect(supervisor.status().state).toBe('starting');
  });

  it('restarts a crashed core with backoff, asking for the same port first', () => {
    const { supervisor, last, children, clock, statuses } = setup();
    supervisor.start();
    last().post(READY);
    last().exit(1);
    expect(supervisor.status()).toMatchObject({
      state: 'restarting',
      attempt: 1,
      delayMs: 1000,
      reason: 'exited with code 1',
    });
    expect(children[0]?.killed).toBe(true);
    clock.advance(999);
    expect(children).toHaveLength(1);
    clock.advance(1);
    expect(children).toHaveLength(2);
    expect(last().args).toEqual(['--headless', '--port', '41000']);
    last().post(READY);
    expect(statuses.at(-1)).toEqual({ state: 'ready', url: 'http://127.0.0.1:41000', urlChanged: false });
  });

  it('falls back to any port when the old one cannot be had, and reports the URL change', () => {
    const { supervisor, last, clock, statuses } = setup();
    supervisor.start();
    last().post(READY);
    last().exit(1);
    clock.advance(1000);
    expect(last().args).toContain('41000');
    last().post({ type: 'fatal', message: 'EADDRINUSE' });
    expect(supervisor.status()).toMatchObject({
      state: 'restarting',
      attempt: 2,
      delayMs: 2000,
      reason: 'fatal: EADDRINUSE',
    });
    clock.advance(2000);
    expect(last().args).toEqual(['--headless', '--port', '0']);
    last().post({ type: 'ready', url: 'http://127.0.0.1:42000' });
    expect(statuses.at(-1)).toEqual({ state: 'ready', url: 'http://127.0.0.1:42000', urlChanged: true });
  });

  it('kills and restarts a core that never says ready', () => {
    const { supervisor, children, clock } = setup({ readyTimeoutMs: 10_000 });
    supervisor.start();
    clock.advance(10_000);
    expect(children[0]?.killed).toBe(true);
    expect(supervisor.status()).toMatchObject({ state: 'restarting', reason: 'no ready message within 10000 ms' });
  });

  it('caps the backoff and resets it after a stable run', () => {
    const { supervisor, last, clock } = setup({ stableAfterMs: 60_000 });
    supervisor.start();
    const delays: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      last().exit(1);
      const status = supervisor.status();
      if (status.state !== 'restarting') throw new Error('expected restarting');
      delays.push(status.delayMs);
      clock.advance(status.delayMs);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    last().post(READY);
    clock.advance(60_000);
    last().exit(1);
    expect(supervisor.status()).toMatchObject({ state: 'restarting', attempt: 1, delayMs: 1000 });
  });

  it('ignores events from a child it has abandoned', () => {
    const { supervisor, children, clock } = setup();
    supervisor.start();
    children[0]?.exit(1);
    clock.advance(1000);
    children[0]?.post(READY);
    children[0]?.exit(2);
    expect(supervisor.status().state).toBe('starting');
    expect(children).toHaveLength(2);
  });

  it('treats a spawn that throws as a failure and retries', () => {
    const clock = new FakeClock();
    let calls = 0;
    const supervisor = createCoreSupervisor({
      spawn: () => {
        calls += 1;
        throw new Error('entry not found');
      },
      onStatus: () => undefined,
      schedule: clock.schedule,
      random: () => 1,
      backoff: { baseMs: 1000, capMs: 8000 },
    });
    supervisor.start();
    expect(supervisor.status()).toMatchObject({ state: 'restarting', reason: 'spawn failed: entry not found' });
    clock.advance(1000);
    expect(calls).toBe(2);
    supervisor.dispose();
  });

  it('whenReady waits through a restart and times out on its own', async () => {
    const { supervisor, last, clock } = setup();
    supervisor.start();
    last().exit(1);
    const waiting = supervisor.whenReady(5000);
    clock.advance(1000);
    last().post(READY);
    await expect(waiting).resolves.toBe('http://127.0.0.1:41000');

    last().exit(1);
    const late = supervisor.whenReady(500);
    clock.advance(500);
    await expect(late).rejects.toThrow('core not ready after 500 ms');
  });

  it('dispose kills the core, cancels timers, rejects waiters and stays stopped', async () => {
    const { supervisor, last, clock, children } = setup();
    supervisor.start();
    const waiting = supervisor.whenReady(5000);
    supervisor.dispose();
    await expect(waiting).rejects.toThrow('stopped');
    expect(last().killed).toBe(true);
    expect(supervisor.status()).toEqual({ state: 'stopped' });
    expect(clock.pending()).toBe(0);
    last().exit(0);
    clock.advance(100_000);
    expect(children).toHaveLength(1);
    await expect(supervisor.whenReady(1)).rejects.toThrow('stopped');
    supervisor.start();
    expect(children).toHaveLength(1);
  });

  it('dispose during a backoff wait starts nothing new', () => {
    const { supervisor, last, clock, children } = setup();
    supervisor.start();
    last().exit(1);
    supervisor.dispose();
    clock.advance(100_000);
    expect(children).toHaveLength(1);
    expect(clock.pending()).toBe(0);
  });
});
