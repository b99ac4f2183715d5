import { describe, expect, test } from 'vitest';
import type { CommandOutput } from '../../../src-shared/contract';
import type { Result } from '../../bridge';
import { SnapshotCache, type Snapshot } from './snapshots';

type Reply = Result<CommandOutput<'cameras.snapshot'>>;
const JPEG: Reply = {
  ok: true,
  value: { contentType: 'image/jpeg', dataBase64: btoa('\xff\xd8jpeg\xff\xd9'), width: 2, height: 2 },
};

/** A core whose snapshot replies the test releases by hand. */
function fakeCore() {
  const waiting: { id: string; answer: (reply: Reply) => void }[] = [];
  return {
    waiting,
    fetch: (id: string) => new Promise<Reply>((answer) => waiting.push({ id, answer })),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SnapshotCache', () => {
  test('at most `limit` fetches at a time; the rest wait their turn', async () => {
    const core = fakeCore();
    const cache = new SnapshotCache(core.fetch, 2);
    const all = ['a', 'b', 'c', 'd'].map((id) => cache.get(id));
    await tick();
    expect(core.waiting.map((w) => w.id)).toEqual(['a', 'b']);
    core.waiting.shift()?.answer(JPEG);
    await tick();
    expect(core.waiting.map((w) => w.id)).toEqual(['b', 'c']);
    while (core.waiting.length > 0) {
      core.waiting.shift()?.answer(JPEG);
      await tick();
    }
    const results = await Promise.all(all);
    expect(results.every((r) => r.ok && r.url.startsWith('blob:'))).toBe(true);
    cache.clear();
  });

  test('one fetch per camera at a time, cached, and a refresh reaches every subscriber', async () => {
    const core = fakeCore();
    const cache = new SnapshotCache(core.fetch);
    const seen: Snapshot[] = [];
    const off = cache.subscribe('a', (s) => seen.push(s));
    const first = cache.get('a');
    expect(cache.get('a')).toBe(first);
    await tick();
    core.waiting.shift()?.answer(JPEG);
    const snapshot = await first;
    expect(await cache.get('a')).toBe(snapshot);
    expect(core.waiting).toHaveLength(0);

    const fresh = cache.get('a', true);
    await tick();
    core.waiting.shift()?.answer({ ok: false, error: { code: 'unavailable', message: 'camera gone' } });
    await fresh;
    expect(seen.map((s) => s.ok)).toEqual([true, false]);
    expect(cache.peek('a')?.ok).toBe(false);
    off();
    cache.clear();
  });

  test('answers that arrive after clear() are not cached', async () => {
    const core = fakeCore();
    const cache = new SnapshotCache(core.fetch);
    const late = cache.get('a');
    await tick();
    cache.clear();
    core.waiting.shift()?.answer(JPEG);
    await late;
    expect(cache.peek('a')).toBeUndefined();
  });
});
