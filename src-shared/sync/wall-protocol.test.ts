import { describe, expect, it } from 'vitest';
import { AuditPushRequestSchema } from './audit-protocol';
import { isSyncCommandName, PullResponseSchema, SYNC_COMMAND_ARGS } from './protocol';
import { LayoutSaveArgsSchema, wallCommandTarget, WallItemWireSchema } from './wall-protocol';

const tiles = [
  { x: 0, y: 0, w: 1, h: 1, cameraId: 'cam-1' },
  { x: 1, y: 0, w: 1, h: 1, cameraId: null },
];
const item = {
  kind: 'layout',
  id: 'l1',
  name: 'Cổng chợ',
  version: 2,
  deleted: false,
  createdAt: '2026-03-05T03:00:00.000Z',
  updatedAt: '2026-03-05T03:00:00.000Z',
  updatedBy: 'operator',
  changeSeq: 11,
  body: { cols: 2, rows: 1, tiles },
};

describe('wall layouts and audit rows in the sync protocol', () => {
  it('names the layout and tour commands and checks a layout’s geometry', () => {
    for (const name of ['layout.save', 'layout.remove', 'tour.save', 'tour.remove']) {
      expect(isSyncCommandName(name)).toBe(true);
    }
    expect(wallCommandTarget('tour.remove')).toEqual({ kind: 'tour', remove: true });
    const args = { id: 'l1', name: 'Cổng chợ', baseVersion: null, cols: 2, rows: 1, tiles };
    expect(SYNC_COMMAND_ARGS['layout.save'].safeParse(args).success).toBe(true);
    // One cell left uncovered: refused before it reaches the outbox or the server.
    expect(LayoutSaveArgsSchema.safeParse({ ...args, tiles: tiles.slice(0, 1) }).success).toBe(false);
    expect(LayoutSaveArgsSchema.safeParse({ ...args, baseVersion: 0 }).success).toBe(false);
  });

  it('carries wall items in the pull page, inside the page’s cursor range, and reads older pages without them', () => {
    const page = {
      ok: true,
      epoch: 'epochAAAA1',
      since: 10,
      cursor: 'epochAAAA1:12',
      upToDate: true,
      serverTime: '2026-03-05T03:00:00.000Z',
      cases: [],
      events: [],
    };
    expect(PullResponseSchema.parse(page).wall).toEqual([]);
    expect(PullResponseSchema.safeParse({ ...page, wall: [item] }).success).toBe(true);
    expect(PullResponseSchema.safeParse({ ...page, wall: [{ ...item, changeSeq: 13 }] }).success).toBe(false);
    expect(
      WallItemWireSchema.safeParse({ ...item, body: { layoutId: null, pinnedTiles: [], steps: [] } }).success,
    ).toBe(false);
  });

  it('takes audit rows in increasing local order only', () => {
    const row = (seq: number) => ({
      seq,
      at: '2026-03-05T03:00:00.000Z',
      userId: 'u-1',
      username: 'police',
      action: 'identity.reveal',
      subject: 'case-1',
      detail: {},
    });
    const origin = 'a'.repeat(32);
    expect(AuditPushRequestSchema.safeParse({ origin, rows: [row(1), row(3)] }).success).toBe(true);
    expect(AuditPushRequestSchema.safeParse({ origin, rows: [row(3), row(1)] }).success).toBe(false);
    expect(AuditPushRequestSchema.safeParse({ origin: 'not-hex', rows: [row(1)] }).success).toBe(false);
  });
});
