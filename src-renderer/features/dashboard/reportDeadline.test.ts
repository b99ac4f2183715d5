import { describe, expect, test } from 'vitest';
import { formatDate } from '../../../src-shared/i18n';
import { nextReportDeadline } from './reportDeadline';

/** `iso` is a UTC instant; the deadline is computed on the Vietnamese calendar day (UTC+7). */
function at(iso: string): { due: string; daysLeft: number } {
  const { due, daysLeft } = nextReportDeadline(new Date(iso));
  return { due: formatDate(due), daysLeft };
}

describe('nextReportDeadline', () => {
  test('before 25 June the June report is next', () => {
    expect(at('2025-06-01T03:00:00Z')).toEqual({ due: '25/06/2025', daysLeft: 24 });
  });

  test('on the day itself, nothing is left', () => {
    expect(at('2025-06-25T10:00:00Z')).toEqual({ due: '25/06/2025', daysLeft: 0 });
  });

  test('uses the Vietnamese day: 17:30 UTC on 25 June is already 26 June in Hà Nội', () => {
    expect(at('2025-06-25T17:30:00Z')).toEqual({ due: '25/12/2025', daysLeft: 182 });
  });

  test('after 25 December the next June is next', () => {
    expect(at('2025-12-30T00:00:00Z')).toEqual({ due: '25/06/2026', daysLeft: 177 });
  });
});
