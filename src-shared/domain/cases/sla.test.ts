import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, HolidayCalendarSchema } from './calendar';
import { dueDateAfter, extendDueDate } from './sla';

const HOLIDAYS = join(import.meta.dirname, '..', '..', '..', 'resources', 'server', 'holidays-vn.json');
const cal = createWorkingCalendar(HolidayCalendarSchema.parse(JSON.parse(readFileSync(HOLIDAYS, 'utf8'))));
const due = (iso: string, days: number) => dueDateAfter(new Date(iso), days, cal).toISOString();

describe('due dates in working days', () => {
  it('does not count the day of arrival, whatever the hour', () => {
    // Friday 16:55 in Vietnam → Mon, Tue, Wed.
    expect(due('2026-03-06T09:55:00Z', 3)).toBe('2026-03-11T16:59:59.999Z');
    // Thursday 23:30 in Vietnam is still Thursday, although UTC says Thursday too: Fri, Mon, Tue.
    expect(due('2026-03-05T16:30:00Z', 3)).toBe('2026-03-10T16:59:59.999Z');
    // Thursday 00:30 in Vietnam is Wednesday 17:30 UTC: Thu is the day of arrival.
    expect(due('2026-03-04T17:30:00Z', 1)).toBe('2026-03-06T16:59:59.999Z');
  });

  it('starts a weekend report on Monday', () => {
    expect(due('2026-03-08T03:00:00Z', 3)).toBe('2026-03-11T16:59:59.999Z');
  });

  it('skips the nine days of Tết Bính Ngọ', () => {
    // Friday 13/02/2026 → next working days are 23, 24, 25 February.
    expect(due('2026-02-13T02:00:00Z', 3)).toBe('2026-02-25T16:59:59.999Z');
  });

  it('counts the make-up Saturday and skips the swapped Friday', () => {
    // Wed 31/12/2025 + 3: 1 Jan off, 2 Jan swapped off, so Mon 5, Tue 6, Wed 7.
    expect(due('2025-12-31T02:00:00Z', 3)).toBe('2026-01-07T16:59:59.999Z');
    // Thu 8/1/2026 + 2: Fri 9, Sat 10 (make-up day).
    expect(due('2026-01-08T02:00:00Z', 2)).toBe('2026-01-10T16:59:59.999Z');
  });

  it('extends from the current due date, not from today', () => {
    const first = dueDateAfter(new Date('2026-04-27T02:00:00Z'), 3, cal);
    // Mon 27/4/2026 is the Giỗ Tổ day in lieu: 28, 29, then 30/4 and 1/5 are off, so Mon 4 May.
    expect(first.toISOString()).toBe('2026-05-04T16:59:59.999Z');
    expect(extendDueDate(first, 2, cal).toISOString()).toBe('2026-05-06T16:59:59.999Z');
  });

  it('refuses nonsense day counts', () => {
    expect(() => due('2026-03-06T09:55:00Z', 0)).toThrow(RangeError);
    expect(() => due('2026-03-06T09:55:00Z', 1.5)).toThrow(RangeError);
    expect(() => due('2026-03-06T09:55:00Z', 10_000)).toThrow(RangeError);
  });
});
