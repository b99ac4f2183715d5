// Workstation stores with a sync mirror over them, for the tests of the mirror's bulk load (initial-load.test.ts,
// search-index-catchup.test.ts): each in a temporary folder, pages applied by their cursors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openStore, type Store } from '../../src-main/services/store';
import { createClientRow } from '../../src-main/services/sync/client-row';
import type { InitialLoadOptions } from '../../src-main/services/sync/initial-load';
import { type CasesTouched, createMirror } from '../../src-main/services/sync/mirror';
import { type PullResponse, PullResponseSchema } from '../../src-shared/sync/protocol';

export const TEST_EPOCH = 'epoch-test-01';
export const testNow = () => new Date('2026-11-27T02:00:00.000Z');

/** The page (`since`, `end`] of `total` changes holding these rows (checked by the schema); the last is up to date. */
export function testPage(
  since: number,
  end: number,
  total: number,
  cases: readonly unknown[],
  events: readonly unknown[] = [],
): PullResponse {
  return PullResponseSchema.parse({
    ok: true,
    epoch: TEST_EPOCH,
    since,
    cursor: `${TEST_EPOCH}:${end}`,
    upToDate: end >= total,
    serverTime: '2026-11-27T02:00:00.000Z',
    cases,
    events,
  });
}

/**
 * Call inside a describe: `open` opens a store (a new temporary folder, or `dir` again) with a mirror whose `apply`
 * applies `pageOf(since, end, total)` from cursor `since`; `close` closes one before the test ends (to open its
 * folder again). Whatever is left open is closed, and every folder removed, after each test.
 */
export function useMirrorStores(prefix: string, pageOf: (since: number, end: number, total: number) => PullResponse) {
  const dirs: string[] = [];
  const stores: Store[] = [];
  const mirrors: { store: Store; mirror: ReturnType<typeof createMirror> }[] = [];
  afterEach(async () => {
    for (const { mirror } of mirrors.splice(0)) await mirror.checkpointed();
    for (const store of stores.splice(0)) await store.dispose();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function open(dir = mkdtempSync(join(tmpdir(), prefix)), touched?: CasesTouched, loadOptions?: InitialLoadOptions) {
    if (!dirs.includes(dir)) dirs.push(dir);
    const store = openStore({ path: join(dir, 'ioc.sqlite') });
    stores.push(store);
    const mirror = createMirror(
      store.sqlite,
      createClientRow(store.sqlite, testNow),
      testNow,
      touched,
      undefined,
      loadOptions,
    );
    const apply = (since: number, end: number, total: number) =>
      mirror.applyPage(pageOf(since, end, total), { epoch: since === 0 ? null : TEST_EPOCH, cursorSeq: since });
    mirrors.push({ store, mirror });
    return { dir, store, mirror, apply };
  }

  async function close(store: Store): Promise<void> {
    for (const m of mirrors.filter((m) => m.store === store)) await m.mirror.checkpointed();
    stores.splice(stores.indexOf(store), 1);
    await store.dispose();
  }

  return { open, close };
}
