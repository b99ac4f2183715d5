import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  createWorkingCalendar,
  endOfLocalDay,
  HolidayCalendarSchema,
  isValidLocalDate,
  localDateOf,
  weekdayOf,
} from './calendar';

const raw: unknown = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'resources', 'server', 'holidays-vn.json'), 'utf8'),
);
const cal = createWorkingCalendar(HolidayCalendarSchema.parse(raw));

describe('local dates in Asia/Ho_Chi_Minh', () => {
  it('takes the Vietnamese calendar day, not the UTC one', () => {
    expect(localDateOf(new Date('2026-03-05T16:59:59Z'))).toBe('2026-03-05');
    expect(localDateOf(new Date('2026-03-05T17:00:00Z'))).toBe('2026-03-06');
  });
  it('ends a day at 23:59:59.999 +07:00', () => {
    expect(endOfLocalDay('2026-03-06').toISOString()).toBe('2026-03-06T16:59:59.999Z');
  });
  it('validates real dates only', () => {
    expect(isValidLocalDate('2028-02-29')).toBe(true);
    expect(isValidLocalDate('2027-02-29')).toBe(false);
    expect(isValidLocalDate('2026-13-01')).toBe(false);
    expect(isValidLocalDate('2026-1-01')).toBe(false);
  });
  it('adds calendar days across months and years', () => {
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekdayOf('2026-11-27')).toBe(5);
  });
});

describe('holidays-vn.json', () => {
  it('parses and covers 2025–2027, with 2027 marked provisional', () => {
    expect(HolidayCalendarSchema.safeParse(raw).success).toBe(true);
    expect(cal.covers(2025)).toBe('official');
    expect(cal.covers(2026)).toBe('official');
    expect(cal.covers(2027)).toBe('provisional');
    expect(cal.covers(2030)).toBe(false);
  });

  it('knows the Tết days off as announced', () => {
    for (const d of ['2025-01-27', '2025-01-31', '2026-02-16', '2026-02-20']) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2025-02-03')).toBe(true);
    expect(cal.isWorkingDay('2026-02-23')).toBe(true);
    // Mùng 1 Tết Đinh Mùi is a Saturday; the weekdays around it are off.
    expect(cal.isWorkingDay('2027-02-05')).toBe(false);
  });

  it('counts make-up Saturdays as working days and swapped weekdays as days off', () => {
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
    expect(cal.isWorkingDay('2026-01-02')).toBe(false);
    expect(cal.isWorkingDay('2026-08-22')).toBe(true);
    expect(cal.isWorkingDay('2026-08-31')).toBe(false);
    expect(cal.isWorkingDay('2025-04-26')).toBe(true);
    expect(cal.isWorkingDay('2025-05-02')).toBe(false);
  });

  it('falls back to weekends and fixed solar holidays for years without data', () => {
    expect(cal.isWorkingDay('2030-04-30')).toBe(false);
    expect(cal.isWorkingDay('2030-05-02')).toBe(true);
    expect(cal.isWorkingDay('2030-05-04')).toBe(false);
  });

  it('rejects inconsistent calendars with a reason', () => {
    const base = HolidayCalendarSchema.parse(raw);
    const misfiled = structuredClone(base);
    misfiled.years[0]!.daysOff.push({ date: '2026-03-03', name: 'x' });
    expect(HolidayCalendarSchema.safeParse(misfiled).error?.message).toMatch(/filed under year 2025/);
    const weekdayMakeUp = structuredClone(base);
    weekdayMakeUp.years[1]!.workingDays.push({ date: '2026-03-03', name: 'x' });
    expect(HolidayCalendarSchema.safeParse(weekdayMakeUp).error?.message).toMatch(/not a weekly rest day/);
    const both = structuredClone(base);
    both.years[1]!.workingDays.push({ date: '2026-02-16', name: 'x' });
    expect(HolidayCalendarSchema.safeParse(both).success).toBe(false);
    expect(HolidayCalendarSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
  });

  it('refuses to search forever in a calendar with no working day', () => {
    const never = createWorkingCalendar({
      timeZone: 'Asia/Ho_Chi_Minh',
      weeklyRestDays: [0, 1, 2, 3, 4, 5, 6],
      fixedHolidays: [],
      years: [],
    });
    expect(() => never.nextWorkingDay('2026-01-01')).toThrow(RangeError);
  });
});
