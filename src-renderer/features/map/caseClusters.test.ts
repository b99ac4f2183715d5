import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '../../../src-shared/contract/cases';
import { caseCapNotice, type CasePage, MAP_CASES, mapCaseLimit } from './caseCap';
import { clusterCases } from './caseClusters';
import { formatCount } from './formatCount';
import type { CasePoint } from './casePoints';
import { CLUSTER_BELOW_ZOOM, expansionZoom, groupPoints } from './gridClusters';

const point = (id: string, lon: number, lat: number, overrides: Partial<CasePoint> = {}): CasePoint => ({
  id,
  code: `PA-${id}`,
  position: [lon, lat],
  stage: 'done',
  overdue: false,
  ...overrides,
});

describe('case clusters at low zoom', () => {
  const points = [
    point('a', 105.63, 10.46, { stage: 'resolved' }),
    point('b', 105.6302, 10.4601, { stage: 'working', overdue: true }),
    point('c', 105.6304, 10.4603, { stage: 'new' }),
    point('d', 105.9, 10.3),
  ];
  it('merges nearby cases with their count, least advanced stage and overdue count', () => {
    const clusters = clusterCases(points, 10);
    expect(clusters).toHaveLength(2);
    const three = clusters.find((c) => c.count === 3)!;
    expect(three.stage).toBe('new');
    expect(three.overdue).toBe(1);
    expect(three.single).toBeNull();
    expect(three.id.startsWith('cluster:')).toBe(true);
    const alone = clusters.find((c) => c.count === 1)!;
    expect([alone.id, alone.single?.code, alone.overdue]).toEqual(['d', 'PA-d', 0]);
  });
  it('draws every case on its own when zoomed in, each case in exactly one circle at any zoom', () => {
    expect(clusterCases(points, CLUSTER_BELOW_ZOOM).map((c) => c.count)).toEqual([1, 1, 1, 1]);
    for (const zoom of [3, 8, 11, 12.5]) {
      expect(
        clusterCases(points, zoom)
          .flatMap((c) => c.caseIds)
          .sort(),
      ).toEqual(['a', 'b', 'c', 'd']);
    }
  });
  it('zooms a click on a circle in to where its cases part, never past the zoom where clustering stops', () => {
    const positions = points.slice(0, 3).map((p) => p.position);
    const zoom = expansionZoom(positions, 9.3);
    expect(zoom).toBeGreaterThan(9.3);
    expect(zoom).toBeLessThanOrEqual(CLUSTER_BELOW_ZOOM);
    expect(groupPoints(points.slice(0, 3), zoom).length).toBeGreaterThan(1);
    expect(groupPoints(points.slice(0, 3), zoom - 1).length).toBe(1);
    // Cases at the very same spot never part: the zoom where each is drawn alone.
    expect(
      expansionZoom(
        [
          [105.63, 10.46],
          [105.63, 10.46],
        ],
        8,
      ),
    ).toBe(CLUSTER_BELOW_ZOOM);
  });
});

describe('the case cap’s notice', () => {
  const now = Date.parse('2026-06-10T12:00:00Z');
  const summary = (i: number, receivedAt: string) => ({ id: `c${i}`, receivedAt }) as CaseSummary;
  const page = (items: CaseSummary[], total: number, totalCapped = false, limit = 3): CasePage => ({
    items,
    total,
    totalCapped,
    limit,
  });
  const recent = [1, 2, 3].map((i) => summary(i, '2026-06-10T10:00:00Z'));
  it('appears when the cap cuts, with how many there are (or at least)', () => {
    expect(caseCapNotice(page(recent, 5), 'all', now)).toEqual({ shown: 3, total: 5, atLeast: false });
    expect(caseCapNotice(page(recent, 3, true), '24h', now)).toEqual({ shown: 3, total: 3, atLeast: true });
  });
  it('stays away when everything fits, or when the page already reaches past the time window', () => {
    expect(caseCapNotice(page(recent.slice(0, 2), 2), 'all', now)).toBeNull();
    expect(caseCapNotice(page(recent, 3), 'all', now)).toBeNull();
    const reachingBack = [...recent.slice(0, 2), summary(3, '2026-05-20T00:00:00Z')];
    expect(caseCapNotice(page(reachingBack, 50), '7d', now)).toBeNull();
    expect(caseCapNotice(page(reachingBack, 50), '30d', now)).toEqual({ shown: 3, total: 50, atLeast: false });
  });
  it('words its numbers the Vietnamese way', () => {
    expect(formatCount(MAP_CASES, 'vi')).toBe('1.000');
    expect(formatCount(12345, 'en')).toBe('12,345');
  });
  it('takes a lower cap from the page’s or the hash route’s query only, within 1…MAP_CASES', () => {
    expect(mapCaseLimit('', '#/map')).toBe(MAP_CASES);
    expect(mapCaseLimit('?mapCaseCap=3', '#/map')).toBe(3);
    expect(mapCaseLimit('', '#/map?mapCaseCap=12')).toBe(12);
    for (const bad of ['0', '-4', '2.5', 'many', '5000'])
      expect(mapCaseLimit(`?mapCaseCap=${bad}`, '')).toBe(MAP_CASES);
  });
});
