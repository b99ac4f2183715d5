import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CaseAction, type CaseActionType, CASE_ACTION_TYPES } from './actions';
import { createWorkingCalendar, HolidayCalendarSchema, localDateOf } from './calendar';
import { allowedActions, applyCaseAction, type CaseSnapshot, newCaseSnapshot } from './lifecycle';
import { ALLOWED_EDGES } from './rules';
import { CASE_ACTORS, CASE_STATES, type CaseState } from './states';

const HOLIDAYS = join(import.meta.dirname, '..', '..', '..', 'resources', 'server', 'holidays-vn.json');
const calendar = createWorkingCalendar(HolidayCalendarSchema.parse(JSON.parse(readFileSync(HOLIDAYS, 'utf8'))));
const AGENCIES = ['so-xay-dung', 'cap-nuoc', 'cong-an-tinh'];

const text = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0);
const action: fc.Arbitrary<CaseAction> = fc.oneof(
  ...CASE_ACTION_TYPES.map((type): fc.Arbitrary<CaseAction> => {
    switch (type) {
      case 'reject':
      case 'return':
      case 'deny_extension':
      case 'reopen':
        return text.map((reason) => ({ type, reason }));
      case 'mark_duplicate':
        return fc.constantFrom('case-1', 'case-2').map((duplicateOf) => ({ type, duplicateOf }));
      case 'forward':
        return fc.constantFrom(...AGENCIES).map((agencyId) => ({ type, agencyId }));
      case 'request_extension':
        return fc.record({ days: fc.integer({ min: 1, max: 30 }), reason: text }).map((r) => ({ type, ...r }));
      case 'grant_extension':
        return fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }).map((days) => ({ type, days }));
      case 'resolve':
        return text.map((result) => ({ type, result }));
      default:
        return fc.constant({ type });
    }
  }),
);
const step = fc.record({
  action,
  /** Most steps pick among the actions allowed now, so deep states are reached, not only refusals. */
  guided: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
  pick: fc.nat(),
  actor: fc.constantFrom(...CASE_ACTORS),
  agencyId: fc.constantFrom(...AGENCIES, null),
  // Up to ~3 weeks between steps, so Tết, make-up Saturdays and year ends are crossed.
  advanceMs: fc.integer({ min: 0, max: 21 * 86_400_000 }),
});
const start = fc.date({
  min: new Date('2025-01-01T00:00:00Z'),
  max: new Date('2027-10-01T00:00:00Z'),
  noInvalidDate: true,
});

const visited = new Set<CaseState>(['received']);

/** An action of the given type, with the random one's text where it has some. */
function guidedAction(type: CaseActionType, random: CaseAction): CaseAction {
  const words = 'reason' in random ? random.reason : 'result' in random ? random.result : 'Ghi chú';
  switch (type) {
    case 'reject':
    case 'return':
    case 'deny_extension':
    case 'reopen':
      return { type, reason: words };
    case 'mark_duplicate':
      return { type, duplicateOf: 'case-1' };
    case 'forward':
      return { type, agencyId: AGENCIES[words.length % AGENCIES.length]! };
    case 'request_extension':
      return { type, days: (words.length % 10) + 1, reason: words };
    case 'resolve':
      return { type, result: words };
    default:
      return { type };
  }
}

const ASSIGNED: ReadonlySet<CaseState> = new Set(['forwarded', 'accepted', 'in_progress', 'extension_requested']);

function checkInvariants(s: CaseSnapshot): void {
  expect(CASE_STATES).toContain(s.state);
  expect(Date.parse(s.dueAt)).toBeGreaterThan(Date.parse(s.receivedAt));
  // A due date is always the end of a working day in Vietnam.
  expect(calendar.isWorkingDay(localDateOf(new Date(s.dueAt)))).toBe(true);
  expect(new Date(Date.parse(s.dueAt) + 1).toISOString().endsWith('T17:00:00.000Z')).toBe(true);
  expect(s.pendingExtensionDays !== null).toBe(s.state === 'extension_requested');
  if (ASSIGNED.has(s.state)) expect(s.agencyId).not.toBeNull();
  if (s.state === 'rejected') expect(s.rejectionReason).toBeTruthy();
  if (s.state === 'duplicate') expect(s.duplicateOf).toBeTruthy();
  if (s.state === 'resolved') expect(s.resolvedAt && s.publicResult).toBeTruthy();
  if (s.state === 'closed') expect(s.closedAt).toBeTruthy();
}

describe('the case lifecycle under random action sequences', () => {
  it('never reaches an illegal state, never moves a due date back, never changes a refused case', () => {
    fc.assert(
      fc.property(start, fc.array(step, { minLength: 5, maxLength: 40 }), (receivedAt, steps) => {
        let s = newCaseSnapshot({ id: 'case-0', receivedAt, slaWorkingDays: 3, calendar });
        let now = receivedAt.getTime();
        let reopens = 0;
        checkInvariants(s);
        for (const { action: random, guided, pick, actor: randomActor, agencyId: randomAgency, advanceMs } of steps) {
          now += advanceMs;
          const offered = CASE_ACTORS.flatMap((who) =>
            allowedActions(s, { actor: who, agencyId: s.agencyId }).map((type) => ({ who, type })),
          );
          const chosen = guided && offered.length > 0 ? offered[pick % offered.length]! : null;
          const actor = chosen?.who ?? randomActor;
          const agencyId = chosen ? s.agencyId : randomAgency;
          const a = chosen ? guidedAction(chosen.type, random) : random;
          const before = structuredClone(s);
          const r = applyCaseAction(s, a, { actor, agencyId, at: new Date(now), calendar });
          expect(s).toEqual(before);
          if (!r.ok) continue;
          expect(ALLOWED_EDGES.has(`${s.state}>${r.next.state}`)).toBe(true);
          expect(r.event).toMatchObject({ from: s.state, to: r.next.state, actor, action: a.type });
          expect(Date.parse(r.next.dueAt)).toBeGreaterThanOrEqual(Date.parse(s.dueAt));
          if (s.state === 'duplicate') throw new Error('a duplicate moved');
          if (a.type === 'reopen') reopens++;
          s = r.next;
          visited.add(s.state);
          checkInvariants(s);
        }
        expect(s.reopenCount).toBe(reopens);
      }),
      { numRuns: 1000 },
    );
    // The runs must have gone everywhere, or the property proves little.
    expect([...visited].sort()).toEqual([...CASE_STATES].sort());
  });
});
