import { describe, expect, it } from 'vitest';
import { type CaseAction, type CaseActionType, CASE_ACTION_TYPES, CaseActionSchema } from './actions';
import { createWorkingCalendar } from './calendar';
import { allowedActions, applyCaseAction, type CaseSnapshot, newCaseSnapshot } from './lifecycle';
import { CASE_ACTORS, CASE_STATES, type CaseActor, type CaseState, mySocietyStatusOf, open311StatusOf } from './states';

// Weekends only: these tests are about the lifecycle, not the holiday data.
const calendar = createWorkingCalendar({
  timeZone: 'Asia/Ho_Chi_Minh',
  weeklyRestDays: [0, 6],
  fixedHolidays: [],
  years: [],
});
const AGENCY = 'so-xay-dung';
const at = new Date('2026-03-09T03:00:00Z'); // Monday 10:00 in Vietnam

function sample(type: CaseActionType): CaseAction {
  switch (type) {
    case 'reject':
    case 'return':
    case 'deny_extension':
    case 'reopen':
      return { type, reason: 'Lý do cụ thể' };
    case 'mark_duplicate':
      return { type, duplicateOf: 'case-original' };
    case 'forward':
      return { type, agencyId: AGENCY };
    case 'request_extension':
      return { type, days: 2, reason: 'Chờ vật tư' };
    case 'resolve':
      return { type, result: 'Đã thay bóng đèn' };
    default:
      return { type };
  }
}

function snapshotIn(state: CaseState): CaseSnapshot {
  const base = newCaseSnapshot({
    id: 'case-1',
    receivedAt: new Date('2026-03-02T03:00:00Z'),
    slaWorkingDays: 3,
    calendar,
  });
  const assigned = !['received', 'triaged', 'returned', 'rejected', 'duplicate'].includes(state);
  return {
    ...base,
    state,
    agencyId: assigned ? AGENCY : null,
    pendingExtensionDays: state === 'extension_requested' ? 2 : null,
    duplicateOf: state === 'duplicate' ? 'case-0' : null,
    rejectionReason: state === 'rejected' ? 'Không đủ thông tin' : null,
    resolvedAt: state === 'resolved' ? at.toISOString() : null,
    publicResult: state === 'resolved' || state === 'closed' ? 'Đã xử lý' : null,
  };
}

const act = (s: CaseSnapshot, a: CaseAction, actor: CaseActor, agencyId: string | null = AGENCY) =>
  applyCaseAction(s, a, { actor, agencyId, at, calendar });

/** Written out by hand from DESIGN.md §6 and the research note, independently of rules.ts. */
const EXPECTED = `
received triage operator | received reject operator | received reject director | received mark_duplicate operator
triaged reject operator | triaged reject director | triaged mark_duplicate operator | triaged forward operator
forwarded accept agency | forwarded return agency
accepted return agency | accepted start agency
returned forward operator
in_progress request_extension agency | in_progress resolve agency | in_progress resolve operator
extension_requested grant_extension operator | extension_requested grant_extension director
extension_requested deny_extension operator | extension_requested deny_extension director
resolved close operator | resolved close director | resolved close citizen | resolved close system
resolved reopen citizen | resolved reopen operator
closed reopen operator | closed reopen director
reopened reject operator | reopened reject director | reopened forward operator | reopened start agency
rejected reopen director
`;
const expected = new Set(
  EXPECTED.split(/[|\n]/)
    .map((s) => s.trim())
    .filter(Boolean),
);

describe('the case lifecycle', () => {
  it('allows exactly the expected (state, action, actor) triples and nothing else', () => {
    const seen = new Set<string>();
    for (const state of CASE_STATES)
      for (const type of CASE_ACTION_TYPES)
        for (const actor of CASE_ACTORS) {
          const result = act(snapshotIn(state), sample(type), actor);
          if (result.ok) seen.add(`${state} ${type} ${actor}`);
          else expect(['illegal_transition', 'forbidden']).toContain(result.error.code);
        }
    expect([...seen].sort()).toEqual([...expected].sort());
  });

  it('offers the same actions as buttons that applyCaseAction accepts', () => {
    for (const state of CASE_STATES)
      for (const actor of CASE_ACTORS) {
        const snapshot = snapshotIn(state);
        const offered = allowedActions(snapshot, { actor, agencyId: AGENCY });
        const accepted = CASE_ACTION_TYPES.filter((t) => act(snapshot, sample(t), actor).ok);
        expect(offered, `${state}/${actor}`).toEqual(accepted);
      }
  });

  it('runs a report from receipt to closure with a public timeline', () => {
    let s = newCaseSnapshot({ id: 'c', receivedAt: at, slaWorkingDays: 3, calendar });
    expect(s.dueAt).toBe('2026-03-12T16:59:59.999Z');
    const steps: [CaseAction, CaseActor][] = [
      [{ type: 'triage', note: 'Đúng loại chiếu sáng' }, 'operator'],
      [{ type: 'forward', agencyId: AGENCY, publicNote: 'Đã chuyển Sở Xây dựng' }, 'operator'],
      [{ type: 'accept' }, 'agency'],
      [{ type: 'start' }, 'agency'],
      [{ type: 'resolve', result: 'Đã thay bóng đèn cột số 12' }, 'agency'],
      [{ type: 'close' }, 'citizen'],
    ];
    const events = [];
    for (const [action, actor] of steps) {
      const r = act(s, action, actor);
      if (!r.ok) throw new Error(r.error.message);
      s = r.next;
      events.push(r.event);
    }
    expect(s).toMatchObject({ state: 'closed', agencyId: AGENCY, publicResult: 'Đã thay bóng đèn cột số 12' });
    expect(s.closedAt).toBe(at.toISOString());
    expect(events.map((e) => `${e.from}>${e.to}`)).toEqual([
      'received>triaged',
      'triaged>forwarded',
      'forwarded>accepted',
      'accepted>in_progress',
      'in_progress>resolved',
      'resolved>closed',
    ]);
    expect(events[0]).toMatchObject({ publicNote: null, internalNote: 'Đúng loại chiếu sáng' });
    expect(events[1]).toMatchObject({ publicNote: 'Đã chuyển Sở Xây dựng', data: { agencyId: AGENCY } });
    expect(events[4]).toMatchObject({ publicNote: 'Đã thay bóng đèn cột số 12', actor: 'agency' });
  });

  it('lets only the agency the case was forwarded to act on it', () => {
    const forwarded = snapshotIn('forwarded');
    const other = act(forwarded, { type: 'accept' }, 'agency', 'cong-an-tinh');
    expect(other).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
    expect(act(forwarded, { type: 'accept' }, 'agency', null).ok).toBe(false);
    expect(allowedActions(forwarded, { actor: 'agency', agencyId: 'cong-an-tinh' })).toEqual([]);
  });

  it('clears the agency when a case is returned, and keeps who returned it in the event', () => {
    const r = act(snapshotIn('forwarded'), { type: 'return', reason: 'Không đúng thẩm quyền' }, 'agency');
    expect(r.ok && r.next.agencyId).toBe(null);
    expect(r.ok && r.event).toMatchObject({ data: { agencyId: AGENCY }, internalNote: 'Không đúng thẩm quyền' });
    expect(r.ok && r.event.publicNote).toBe(null);
  });

  it('publishes a rejection reason and records it', () => {
    const r = act(snapshotIn('received'), { type: 'reject', reason: 'Nội dung không rõ ràng' }, 'operator');
    expect(r.ok && r.next).toMatchObject({ state: 'rejected', rejectionReason: 'Nội dung không rõ ràng' });
    expect(r.ok && r.event.publicNote).toBe('Nội dung không rõ ràng');
  });

  it('links a duplicate both ways and makes it final', () => {
    const r = act(snapshotIn('received'), { type: 'mark_duplicate', duplicateOf: 'case-9' }, 'operator');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.next).toMatchObject({ state: 'duplicate', duplicateOf: 'case-9' });
    expect(r.effects).toEqual([{ kind: 'link_duplicate', caseId: 'case-1', originalId: 'case-9' }]);
    for (const type of CASE_ACTION_TYPES)
      for (const actor of CASE_ACTORS) expect(act(r.next, sample(type), actor).ok).toBe(false);
    const self = act(snapshotIn('received'), { type: 'mark_duplicate', duplicateOf: 'case-1' }, 'operator');
    expect(self).toEqual({ ok: false, error: expect.objectContaining({ code: 'invalid' }) });
  });

  it('moves the due date by the granted working days, skipping the weekend', () => {
    const s = { ...snapshotIn('in_progress'), dueAt: '2026-03-12T16:59:59.999Z' }; // Thursday
    const asked = act(s, { type: 'request_extension', days: 2, reason: 'Chờ vật tư' }, 'agency');
    if (!asked.ok) throw new Error(asked.error.message);
    expect(asked.next).toMatchObject({ state: 'extension_requested', pendingExtensionDays: 2, dueAt: s.dueAt });
    const granted = act(asked.next, { type: 'grant_extension' }, 'director');
    if (!granted.ok) throw new Error(granted.error.message);
    expect(granted.next).toMatchObject({ state: 'in_progress', pendingExtensionDays: null, extensionCount: 1 });
    expect(granted.next.dueAt).toBe('2026-03-16T16:59:59.999Z'); // Fri, Mon
    expect(granted.event.data).toMatchObject({ days: 2, previousDueAt: s.dueAt });
    const fewer = act(asked.next, { type: 'grant_extension', days: 1 }, 'operator');
    expect(fewer.ok && fewer.next.dueAt).toBe('2026-03-13T16:59:59.999Z');
    const denied = act(asked.next, { type: 'deny_extension', reason: 'Không có căn cứ' }, 'operator');
    expect(denied.ok && denied.next).toMatchObject({ state: 'in_progress', dueAt: s.dueAt, extensionCount: 0 });
  });

  it('reopens a resolved case with a fresh due date and counts it', () => {
    const s = { ...snapshotIn('resolved'), dueAt: '2026-03-05T16:59:59.999Z' };
    const r = act(s, { type: 'reopen', reason: 'Đèn vẫn không sáng' }, 'citizen');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.next).toMatchObject({ state: 'reopened', reopenCount: 1, resolvedAt: null, agencyId: AGENCY });
    expect(r.next.dueAt).toBe('2026-03-12T16:59:59.999Z');
    expect(r.event.publicNote).toBe('Đèn vẫn không sáng');
    const started = act(r.next, { type: 'start' }, 'agency');
    expect(started.ok && started.next.state).toBe('in_progress');
  });

  it('maps every state to Open311 open|closed and to a mySociety status', () => {
    const closed = CASE_STATES.filter((s) => open311StatusOf(s) === 'closed');
    expect(closed).toEqual(['resolved', 'closed', 'rejected', 'duplicate']);
    expect(mySocietyStatusOf('resolved')).toBe('fixed');
    expect(mySocietyStatusOf('duplicate')).toBe('duplicate');
    expect(new Set(CASE_STATES.map(mySocietyStatusOf)).size).toBeGreaterThan(6);
  });
});

describe('CaseActionSchema', () => {
  it('accepts the samples and rejects what the wire must not carry', () => {
    for (const type of CASE_ACTION_TYPES) expect(CaseActionSchema.safeParse(sample(type)).success).toBe(true);
    expect(CaseActionSchema.safeParse({ type: 'reject', reason: '   ' }).success).toBe(false);
    expect(CaseActionSchema.safeParse({ type: 'triage', extra: 1 }).success).toBe(false);
    expect(CaseActionSchema.safeParse({ type: 'request_extension', days: 0, reason: 'x' }).success).toBe(false);
    expect(CaseActionSchema.safeParse({ type: 'request_extension', days: 31, reason: 'x' }).success).toBe(false);
    expect(CaseActionSchema.safeParse({ type: 'request_extension', days: 2.5, reason: 'x' }).success).toBe(false);
    expect(CaseActionSchema.safeParse({ type: 'teleport' }).success).toBe(false);
    expect(CaseActionSchema.safeParse({ type: 'resolve', result: 'x'.repeat(4001) }).success).toBe(false);
  });
});
