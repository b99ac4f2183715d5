import { describe, expect, it } from 'vitest';
import { SyncFailure } from './failure';
import { createSyncLoop, type LoopEvents } from './loop';
import type { SyncSteps } from './steps';

const FAST = { backoffBaseMs: 5, backoffCapMs: 20, slowRetryMs: 60_000, pullWaitS: 25 };

function recorder() {
  const states: string[] = [];
  const reachable: boolean[] = [];
  const events: LoopEvents = {
    onReachable: (v) => void reachable.push(v),
    onState: (s) => void states.push(s),
    onCasesChanged: () => undefined,
    onOutboxChanged: () => undefined,
    onUnexpected: () => undefined,
  };
  return { states, reachable, events };
}

/** Fake steps: pulls answer from a script, pushes have nothing to send. */
function stepsFrom(pull: (waitS: number, signal?: AbortSignal) => Promise<{ upToDate: boolean }>): SyncSteps {
  return {
    ensureEnrolled: async () => undefined,
    pushBatch: async () => null,
    pushAudit: async () => null,
    pullPage: async (waitS, signal) => ({ ...(await pull(waitS, signal)), caseIds: [], rows: 0, cursorSeq: 1 }),
  };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('the sync loop', () => {
  it('pulls although the server refuses the audit rows, and stops the round when it is unreachable', async () => {
    let pulls = 0;
    const unexpected: unknown[] = [];
    const r = recorder();
    let auditFailure = new SyncFailure('bad_reply', 'no audit endpoint');
    const steps: SyncSteps = {
      ...stepsFrom(async () => {
        pulls++;
        await new Promise((resolve) => setTimeout(resolve, 1));
        return { upToDate: false };
      }),
      pushAudit: async () => {
        throw auditFailure;
      },
    };
    const loop = createSyncLoop(steps, { ...r.events, onUnexpected: (e) => void unexpected.push(e) }, FAST);
    loop.start();
    await until(() => pulls >= 3);
    expect(unexpected.length).toBeGreaterThanOrEqual(3);
    auditFailure = new SyncFailure('offline', 'down');
    await until(() => r.states.includes('offline'));
    await loop.stop();
  });

  it('backs off while the server is unreachable, then pages and waits live', async () => {
    let calls = 0;
    const waits: number[] = [];
    const r = recorder();
    const loop = createSyncLoop(
      stepsFrom(async (waitS, signal) => {
        calls++;
        waits.push(waitS);
        if (calls <= 3) throw new SyncFailure('offline', 'down');
        if (waitS > 0) await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve()));
        return { upToDate: calls > 4 };
      }),
      r.events,
      FAST,
    );
    loop.start();
    await until(() => waits.includes(25));
    expect(r.states.slice(0, 3)).toEqual(['syncing', 'offline', 'syncing']);
    expect(r.reachable.slice(0, 3)).toEqual([false, false, false]);
    expect(waits.slice(3, 6)).toEqual([0, 0, 25]);
    expect(r.states.at(-1)).toBe('live');
    await loop.stop();
    expect(r.states.at(-1)).toBe('stopped');
  });

  it('a local write aborts the live wait and ends a backoff sleep at once', async () => {
    let live = 0;
    let failing = false;
    let calls = 0;
    const loop = createSyncLoop(
      stepsFrom(async (waitS, signal) => {
        calls++;
        if (failing) throw new SyncFailure('offline', 'down');
        if (waitS > 0) {
          live++;
          await new Promise<void>((_, reject) =>
            signal?.addEventListener('abort', () => reject(new SyncFailure('aborted', 'kicked'))),
          );
        }
        return { upToDate: true };
      }),
      recorder().events,
      { ...FAST, backoffBaseMs: 60_000, backoffCapMs: 60_000 },
    );
    loop.start();
    await until(() => live === 1);
    loop.kick();
    await until(() => live === 2);
    failing = true;
    loop.kick();
    await until(() => calls >= 4);
    const sleeping = calls;
    loop.kick();
    await until(() => calls > sleeping);
    await loop.stop();
  });

  it('asks rarely once the server refuses this version', async () => {
    let calls = 0;
    const r = recorder();
    const loop = createSyncLoop(
      stepsFrom(async () => {
        calls++;
        throw new SyncFailure('upgrade_required', 'too old', { minVersion: '9.0.0' });
      }),
      r.events,
      FAST,
    );
    loop.start();
    await until(() => r.states.includes('upgrade_required'));
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(1);
    await loop.stop();
  });
});
