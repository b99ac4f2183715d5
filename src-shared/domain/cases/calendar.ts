import { z } from 'zod';

/**
 * Working days in Asia/Ho_Chi_Minh. Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset
 * is exact and needs no time-zone database (src-shared has no Intl dependency for this).
 */
export const VN_UTC_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/** A calendar day in Vietnam, `YYYY-MM-DD`. */
export type LocalDate = string;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidLocalDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

export const LocalDateSchema = z.string().refine(isValidLocalDate, 'expected a real date as YYYY-MM-DD');

export function localDateOf(instant: Date): LocalDate {
  return new Date(instant.getTime() + VN_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a day in Vietnam (23:59:59.999 +07:00). */
export function endOfLocalDay(date: LocalDate): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - VN_UTC_OFFSET_MS + DAY_MS - 1);
}

export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

const NamedDay = z.object({ date: LocalDateSchema, name: z.string().min(1) }).strict();

/**
 * resources/server/holidays-vn.json: public holidays and make-up working days as announced each year. Data, never
 * code: Tết and the Hùng Kings' day follow the lunar calendar, and the Government moves days off every year, so the
 * file must be checked (and the next year added) every year.
 */
export const HolidayCalendarSchema = z
  .object({
    _comment: z.string().optional(),
    timeZone: z.literal('Asia/Ho_Chi_Minh'),
    /** 0 = Sunday … 6 = Saturday. */
    weeklyRestDays: z.array(z.number().int().min(0).max(6)).max(6),
    /** Solar-date holidays (Labour Code 2019 Art. 112) assumed for years that have no announced entry. */
    fixedHolidays: z.array(
      z.object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31), name: z.string() }),
    ),
    years: z.array(
      z
        .object({
          year: z.number().int().min(2000).max(2200),
          status: z.enum(['official', 'provisional']),
          sources: z.array(z.string()),
          daysOff: z.array(NamedDay).max(60),
          workingDays: z.array(NamedDay).max(20),
        })
        .strict(),
    ),
  })
  .strict()
  .superRefine((cal, ctx) => {
    const years = new Set<number>();
    for (const y of cal.years) {
      if (years.has(y.year)) ctx.addIssue({ code: 'custom', message: `year ${y.year} is listed twice` });
      years.add(y.year);
      const off = new Set<string>();
      for (const d of [...y.daysOff, ...y.workingDays]) {
        if (!d.date.startsWith(`${y.year}-`)) {
          ctx.addIssue({ code: 'custom', message: `${d.date} is filed under year ${y.year}` });
        }
      }
      for (const d of y.daysOff) {
        if (off.has(d.date)) ctx.addIssue({ code: 'custom', message: `${d.date} is listed twice` });
        off.add(d.date);
      }
      for (const d of y.workingDays) {
        if (off.has(d.date)) ctx.addIssue({ code: 'custom', message: `${d.date} is both a day off and a working day` });
        if (!cal.weeklyRestDays.includes(weekdayOf(d.date))) {
          ctx.addIssue({ code: 'custom', message: `make-up working day ${d.date} is not a weekly rest day` });
        }
      }
    }
  });
export type HolidayCalendar = z.infer<typeof HolidayCalendarSchema>;

export interface WorkingCalendar {
  isWorkingDay(date: LocalDate): boolean;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate;
  /** Whether the year has announced (or provisional) data, rather than weekends and fixed holidays only. */
  covers(year: number): 'official' | 'provisional' | false;
}

/** Stops a broken calendar (every day off) from looping forever. */
const MAX_SCAN_DAYS = 370;

export function createWorkingCalendar(data: HolidayCalendar): WorkingCalendar {
  const rest = new Set(data.weeklyRestDays);
  const byYear = new Map(data.years.map((y) => [y.year, y]));
  const daysOff = new Set(data.years.flatMap((y) => y.daysOff.map((d) => d.date)));
  const workingDays = new Set(data.years.flatMap((y) => y.workingDays.map((d) => d.date)));
  const fixed = new Set(data.fixedHolidays.map((h) => `${pad(h.month)}-${pad(h.day)}`));

  function isWorkingDay(date: LocalDate): boolean {
    if (workingDays.has(date)) return true;
    if (daysOff.has(date)) return false;
    if (rest.has(weekdayOf(date))) return false;
    const year = Number(date.slice(0, 4));
    // Years with announced data list every day off themselves; others fall back to the fixed solar holidays.
    return byYear.has(year) || !fixed.has(date.slice(5));
  }

  return {
    isWorkingDay,
    nextWorkingDay(date) {
      let day = date;
      for (let i = 0; i < MAX_SCAN_DAYS; i++) {
        day = addCalendarDays(day, 1);
        if (isWorkingDay(day)) return day;
      }
      throw new RangeError(`No working day within ${MAX_SCAN_DAYS} days after ${date}: check the holiday calendar.`);
    },
    covers(year) {
      return byYear.get(year)?.status ?? false;
    },
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
