// Child process of src-main/services/sync/search-index-worker.test.ts: an empty workstation store takes an initial
// load of 100 cases in two pages into `dataDir` and kills itself with SIGKILL in the end block of the last page, at
// `stage` (initial-load.ts onEndBlock), while the search index worker is building its scratch file.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src-main/services/store';
import { createClientRow } from '../../src-main/services/sync/client-row';
import { createMirror } from '../../src-main/services/sync/mirror';
import { PullResponseSchema } from '../../src-shared/sync/protocol';
import { wireCase } from './case-wire';

// As mirror-stores.ts's (which needs vitest).
const TEST_EPOCH = 'epoch-test-01';
const testNow = () => new Date('2026-11-27T02:00:00.000Z');

const [dataDir, stage] = process.argv.slice(2);
const path = join(dataDir!, 'ioc.sqlite');
const store = openStore({ path });
const mirror = createMirror(store.sqlite, createClientRow(store.sqlite, testNow), testNow, undefined, undefined, {
  onEndBlock(at) {
    if (at !== stage) return;
    // The worker has made its scratch file (it starts in a few ms; the kill must find that file left behind).
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let i = 0; i < 1000 && !existsSync(`${path}-search-build`); i++) Atomics.wait(pause, 0, 0, 10);
    process.stdout.write(`KILLED_AT ${at} scratch=${existsSync(`${path}-search-build`)}\n`);
    process.kill(process.pid, 'SIGKILL');
  },
});
const page = (since: number, end: number) =>
  PullResponseSchema.parse({
    ok: true,
    epoch: TEST_EPOCH,
    since,
    cursor: `${TEST_EPOCH}:${end}`,
    upToDate: end >= 100,
    serverTime: '2026-11-27T02:00:00.000Z',
    cases: Array.from({ length: end - since }, (_, i) =>
      wireCase(since + i + 1, { description: `Đèn đường hỏng số ${since + i + 1}` }),
    ),
    events: [],
  });
mirror.applyPage(page(0, 40), { epoch: null, cursorSeq: 0 });
mirror.applyPage(page(40, 100), { epoch: TEST_EPOCH, cursorSeq: 40 });
process.stdout.write('NOT_KILLED\n');
