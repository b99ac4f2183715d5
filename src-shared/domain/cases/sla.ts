import { endOfLocalDay, localDateOf, type WorkingCalendar } from './calendar';

/** No category or extension may push a deadline further than this in one step. */
export const MAX_SLA_WORKING_DAYS = 120;

function checkDays(days: number): void {
  if (!Number.isInteger(days) || days < 1 || days > MAX_SLA_WORKING_DAYS) {
    throw new RangeError(`working days must be an integer 1–${MAX_SLA_WORKING_DAYS}, not ${days}`);
  }
}

/**
 * The end (23:59:59.999, Vietnam time) of the Nth working day after the day the case arrived. The day of arrival
 * does not count, whatever the hour: a report at 16:55 on Friday with 3 working days is due at the end of
 * Wednesday, and one sent on Sunday is due at the end of Wednesday too.
 */
export function dueDateAfter(receivedAt: Date, workingDays: number, calendar: WorkingCalendar): Date {
  checkDays(workingDays);
  return endOfLocalDay(addWorkingDays(localDateOf(receivedAt), workingDays, calendar));
}

/** An approved extension adds working days to the current due date, never to today. */
export function extendDueDate(dueAt: Date, workingDays: number, calendar: WorkingCalendar): Date {
  checkDays(workingDays);
  return endOfLocalDay(addWorkingDays(localDateOf(dueAt), workingDays, calendar));
}

function addWorkingDays(from: string, workingDays: number, calendar: WorkingCalendar): string {
  let day = from;
  for (let i = 0; i < workingDays; i++) day = calendar.nextWorkingDay(day);
  return day;
}
