import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createWorkingCalendar,
  HolidayCalendarSchema,
  type WorkingCalendar,
} from '../../../src-shared/domain/cases/calendar';

/** The same holiday data the central server uses, so optimistic due dates match the ones the server will set. */
export function loadWorkingCalendar(resourcesDir: string): WorkingCalendar {
  const raw: unknown = JSON.parse(readFileSync(join(resourcesDir, 'server', 'holidays-vn.json'), 'utf8'));
  return createWorkingCalendar(HolidayCalendarSchema.parse(raw));
}
