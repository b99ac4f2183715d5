import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type AttachmentWire, PullResponseSchema } from '../../../src-shared/sync/protocol';
import { openStore, type Store } from '../store';
import { createClientRow } from './client-row';
import { SyncFailure } from './failure';
import { createMirror } from './mirror';

const EPOCH = 'epoch-test-01';
const now = () => new Date('2026-11-27T02:00:00.000Z');

function attachment(id: string, changeSeq: number, over: Partial<AttachmentWire> = {}): AttachmentWire {
  return {
    id,
    caseId: 'k1',
    sha256: 'a'.repeat(64),
    thumbSha256: 'b'.repeat(64),
    kind: 'photo',
    mime: 'image/jpeg',
    width: 640,
    height: 480,
    durationMs: null,
    public: true,
    origin: 'citizen',
    role: 'citizen',
    createdAt: '2026-11-27T01:00:00.000Z',
    changeSeq,
    ...over,
  };
}

function page(since: number, seq: number, attachments: unknown[]) {
  return PullResponseSchema.parse({
    ok: true,
    epoch: EPOCH,
    since,
    cursor: `${EPOCH}:${seq}`,
    upToDate: true,
    serverTime: '2026-11-27T02:00:00.000Z',
    cases: [],
    events: [],
    attachments,
  });
}

describe('mirror: case attachments', () => {
  const open: { store: Store; dir: string }[] = [];
  afterEach(async () => {
    for (const { store, dir } of open.splice(0)) {
      await store.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
  function mirrorOnDisk() {
    const dir = mkdtempSync(join(tmpdir(), 'ioc-mirror-'));
    const store = openStore({ path: join(dir, 'ioc.sqlite') });
    open.push({ store, dir });
    const client = createClientRow(store.sqlite, now);
    const touched: string[][] = [];
    const mirror = createMirror(
      store.sqlite,
      client,
      now,
      (ids) => void touched.push(ids === 'all' ? ['*'] : [...ids]),
    );
    const rows = () =>
      store.sqlite.prepare('SELECT id, case_id, kind, public, change_seq FROM case_attachments ORDER BY id').all();
    return { store, client, mirror, rows, touched };
  }

  it('saves attachments with the cursor that covers them, and reports their cases as changed', () => {
    const m = mirrorOnDisk();
    const applied = m.mirror.applyPage(page(0, 5, [attachment('a1', 4), attachment('a2', 5, { kind: 'video' })]), {
      epoch: null,
      cursorSeq: 0,
    });
    expect(applied).toMatchObject({ rows: 2, cursorSeq: 5, caseIds: ['k1'] });
    expect(m.rows()).toEqual([
      { id: 'a1', case_id: 'k1', kind: 'photo', public: 1, change_seq: 4 },
      { id: 'a2', case_id: 'k1', kind: 'video', public: 1, change_seq: 5 },
    ]);
    expect(m.client.read()).toMatchObject({ epoch: EPOCH, cursorSeq: 5 });
    expect(m.touched).toEqual([['k1']]);
  });

  it('refuses a replayed page whole, and a reply naming an attachment outside its page', () => {
    const m = mirrorOnDisk();
    m.mirror.applyPage(page(0, 5, [attachment('a1', 4)]), { epoch: null, cursorSeq: 0 });
    const replay = () =>
      m.mirror.applyPage(page(0, 5, [attachment('a1', 4, { public: false })]), { epoch: EPOCH, cursorSeq: 5 });
    expect(replay).toThrow(SyncFailure);
    expect(m.rows()).toEqual([{ id: 'a1', case_id: 'k1', kind: 'photo', public: 1, change_seq: 4 }]);
    expect(() => page(5, 6, [attachment('a9', 9)])).toThrow(/outside the page/);
    expect(() => page(5, 6, [{ ...attachment('a9', 6), sha256: '../../x' }])).toThrow();
  });

  it('reads a page from an older server (no attachments) and drops them on a re-sync', () => {
    const m = mirrorOnDisk();
    const old = PullResponseSchema.parse({
      ok: true,
      epoch: EPOCH,
      since: 0,
      cursor: `${EPOCH}:3`,
      upToDate: true,
      serverTime: '2026-11-27T02:00:00.000Z',
      cases: [],
      events: [],
    });
    expect(old.attachments).toEqual([]);
    m.mirror.applyPage(old, { epoch: null, cursorSeq: 0 });
    m.mirror.applyPage(page(3, 4, [attachment('a1', 4)]), { epoch: EPOCH, cursorSeq: 3 });
    m.mirror.reset();
    expect(m.rows()).toEqual([]);
    expect(m.client.read()).toMatchObject({ epoch: null, cursorSeq: 0 });
  });
});
