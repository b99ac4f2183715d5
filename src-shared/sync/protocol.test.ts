import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  formatCursor,
  parseCursor,
  PullResponseSchema,
  PushRequestSchema,
  PushResultSchema,
} from './protocol';

const page = (over: Record<string, unknown> = {}) => ({
  ok: true,
  epoch: 'epochAAAA1',
  since: 10,
  cursor: 'epochAAAA1:12',
  upToDate: true,
  serverTime: '2026-03-05T03:00:00.000Z',
  cases: [],
  events: [],
  ...over,
});

describe('the sync protocol', () => {
  it('round-trips cursors and refuses malformed ones', () => {
    expect(parseCursor(formatCursor({ epoch: 'abcDEF12_-', seq: 42 }))).toEqual({ epoch: 'abcDEF12_-', seq: 42 });
    for (const bad of ['', '42', 'short:1', 'epochAAAA1:', 'epochAAAA1:-1', 'epochAAAA1:1.5', 'epoch AAAA:1']) {
      expect(parseCursor(bad), bad).toBeNull();
    }
  });

  it('compares versions numerically', () => {
    expect(compareVersions('0.10.0', '0.9.3')).toBe(1);
    expect(compareVersions('0.1.0', '0.1.0')).toBe(0);
    expect(compareVersions('0.1.0-rc.1', '0.1.0')).toBe(0);
    expect(compareVersions('1', '1.0.1')).toBe(-1);
  });

  it('accepts a page only when its cursor, epoch and rows agree', () => {
    expect(PullResponseSchema.safeParse(page()).success).toBe(true);
    expect(PullResponseSchema.safeParse(page({ cursor: 'epochBBBB1:12' })).success).toBe(false);
    expect(PullResponseSchema.safeParse(page({ cursor: 'epochAAAA1:9' })).success).toBe(false);
    const event = {
      id: 1,
      caseId: 'k1',
      at: '2026-03-05T03:00:00.000Z',
      actor: 'operator',
      actorName: null,
      action: 'comment',
      fromState: 'received',
      toState: 'received',
      publicNote: null,
      internalNote: 'x',
      data: {},
    };
    expect(PullResponseSchema.safeParse(page({ events: [{ ...event, changeSeq: 11 }] })).success).toBe(true);
    expect(PullResponseSchema.safeParse(page({ events: [{ ...event, changeSeq: 13 }] })).success).toBe(false);
    expect(PullResponseSchema.safeParse(page({ events: [{ ...event, changeSeq: 10 }] })).success).toBe(false);
  });

  it('takes only consecutive commands in a push, and well-formed answers', () => {
    const command = (seq: number) => ({
      seq,
      name: 'case.comment',
      args: { caseId: 'k1', text: 'x' },
      actorUsername: 'operator',
      createdAt: '2026-03-05T03:00:00.000Z',
    });
    expect(PushRequestSchema.safeParse({ clientId: 'client-01', commands: [command(4), command(5)] }).success).toBe(
      true,
    );
    expect(PushRequestSchema.safeParse({ clientId: 'client-01', commands: [command(4), command(6)] }).success).toBe(
      false,
    );
    expect(PushRequestSchema.safeParse({ clientId: 'client-01', commands: [] }).success).toBe(false);
    expect(PushRequestSchema.safeParse({ clientId: 'x', commands: [command(1)] }).success).toBe(false);
    expect(
      PushResultSchema.safeParse({ seq: 1, status: 'duplicate', original: { status: 'applied', changeSeq: 3 } })
        .success,
    ).toBe(true);
    expect(PushResultSchema.safeParse({ seq: 1, status: 'out_of_order', expected: 0 }).success).toBe(false);
  });
});
