import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../../src-shared/contract/cases';
import { CASE_STATES } from '../../../src-shared/domain/cases/states';
import { caseStage, casePoints, withinWindow } from './casePoints';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const hoursAgo = (h: number) => new Date(NOW - h * 3600_000).toISOString();

const summary = (id: string, fields: Partial<CaseSummary> = {}): CaseSummary => ({
  id,
  code: `DT-${id}`,
  serviceCode: 'lamp',
  serviceName: 'Đèn đường',
  state: 'received',
  status: 'open',
  excerpt: null,
  addressString: null,
  lat: 10.46,
  long: 105.63,
  agencyId: null,
  siteId: null,
  assignee: null,
  receivedAt: hoursAgo(1),
  dueAt: hoursAgo(-48),
  updatedAt: hoursAgo(1),
  overdue: false,
  pending: 0,
  ...fields,
});

describe('case points on the map', () => {
  it('draws only cases with a location, at [lon, lat], with their stage and overdue flag', () => {
    const points = casePoints(
      [
        summary('a'),
        summary('b', { lat: null, long: null }),
        summary('c', { state: 'in_progress', overdue: true, lat: 10.5, long: 105.7 }),
      ],
      'all',
      NOW,
    );
    expect(points).toEqual([
      { id: 'a', code: 'DT-a', position: [105.63, 10.46], stage: 'new', overdue: false },
      { id: 'c', code: 'DT-c', position: [105.7, 10.5], stage: 'working', overdue: true },
    ]);
  });

  it('keeps only cases received inside the time window', () => {
    const cases = [
      summary('day', { receivedAt: hoursAgo(23) }),
      summary('week', { receivedAt: hoursAgo(6 * 24) }),
      summary('month', { receivedAt: hoursAgo(29 * 24) }),
      summary('old', { receivedAt: hoursAgo(400 * 24) }),
    ];
    const ids = (w: Parameters<typeof casePoints>[1]) => casePoints(cases, w, NOW).map((p) => p.id);
    expect(ids('24h')).toEqual(['day']);
    expect(ids('7d')).toEqual(['day', 'week']);
    expect(ids('30d')).toEqual(['day', 'week', 'month']);
    expect(ids('all')).toEqual(['day', 'week', 'month', 'old']);
  });

  it('keeps an unreadable instant rather than hiding what it dates', () => {
    expect(withinWindow('not a date', '24h', NOW)).toBe(true);
    expect(withinWindow(hoursAgo(25), '24h', NOW)).toBe(false);
  });

  it('gives every lifecycle state a stage', () => {
    for (const state of CASE_STATES) expect(['new', 'working', 'resolved', 'done']).toContain(caseStage(state));
    expect(caseStage('duplicate')).toBe('done');
    expect(caseStage('reopened')).toBe('new');
  });
});
