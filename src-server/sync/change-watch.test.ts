import { describe, expect, it } from 'vitest';
import { createChangeWatch } from './change-watch';

describe('the long-poll change watch', () => {
  it('wakes waiters when the cursor passes theirs, and polls only while someone waits', async () => {
    let last = 5;
    let reads = 0;
    const watch = createChangeWatch(async () => {
      reads++;
      return last;
    }, 5);
    const woke: number[] = [];
    const a = watch.wait(5, 10_000).then(() => woke.push(5));
    const b = watch.wait(7, 10_000).then(() => woke.push(7));
    await new Promise((r) => setTimeout(r, 30));
    expect(woke).toEqual([]);
    last = 6;
    await a;
    expect(woke).toEqual([5]);
    last = 8;
    await b;
    const after = reads;
    await new Promise((r) => setTimeout(r, 30));
    expect(reads).toBe(after);
    watch.dispose();
  });

  it('ends a wait on timeout, on abort and on dispose', async () => {
    const watch = createChangeWatch(async () => 0, 5);
    await watch.wait(0, 10);
    const gone = new AbortController();
    const aborted = watch.wait(0, 60_000, gone.signal);
    gone.abort();
    await aborted;
    const pending = watch.wait(0, 60_000);
    watch.dispose();
    await pending;
    await watch.wait(0, 60_000);
  });
});
