import { formatDate } from '../../../src-shared/i18n';

/** Semi-annual reports to the city chairman are due on 25 June and 25 December (DESIGN.md §1). */
const DEADLINES: readonly (readonly [month: number, day: number])[] = [
  [6, 25],
  [12, 25],
];

const DAY_MS = 86_400_000;

/** The next due date on or after today, today being taken in Asia/Ho_Chi_Minh, and whole days until it. */
export function nextReportDeadline(now: Date): { due: Date; daysLeft: number } {
  const [day = 1, month = 1, year = 1970] = formatDate(now).split('/').map(Number);
  const today = Date.UTC(year, month - 1, day);
  const candidates = [year, year + 1].flatMap((y) => DEADLINES.map(([m, d]) => Date.UTC(y, m - 1, d)));
  const due = candidates.find((c) => c >= today) ?? today;
  // Noon UTC is the same calendar day in Vietnam (UTC+7), so formatting it gives the intended date.
  return { due: new Date(due + DAY_MS / 2), daysLeft: Math.round((due - today) / DAY_MS) };
}
