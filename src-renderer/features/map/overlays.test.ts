import { describe, expect, it } from 'vitest';
import type { Asset } from '../../../src-shared/contract/alerts';
import { type AlertPoint, CLUSTER_BELOW_ZOOM, clusterAlerts } from './alertClusters';
import { ACKNOWLEDGED_ALPHA, alertFill, type Rgba } from './alertFill';
import { en } from '../../../src-shared/i18n/locales/en';
import { vi } from '../../../src-shared/i18n/locales/vi';
import { assetReading, WORDED_STATES } from './assetReadings';
import { heatCells } from './heatCells';

const point = (id: string, lon: number, lat: number, severity: AlertPoint['severity'] = 'minor'): AlertPoint => ({
  id,
  position: [lon, lat],
  severity,
  fresh: false,
  acknowledged: false,
});

describe('clusterAlerts', () => {
  const points = [
    point('a', 105.63, 10.46, 'warning'),
    point('b', 105.6301, 10.4601, 'critical'),
    point('c', 105.9, 10.3),
  ];
  it('merges nearby alerts at low zoom, coloured by the worst, with their count', () => {
    const clusters = clusterAlerts(points, 10);
    expect(clusters).toHaveLength(2);
    const pair = clusters.find((c) => c.count === 2)!;
    expect(pair.severity).toBe('critical');
    expect(pair.alertIds.sort()).toEqual(['a', 'b']);
    expect(pair.position[0]).toBeCloseTo(105.63005, 5);
  });
  it('draws every alert on its own when zoomed in, and keeps every alert in exactly one cluster', () => {
    expect(clusterAlerts(points, CLUSTER_BELOW_ZOOM)).toHaveLength(3);
    for (const zoom of [3, 8, 11, 12]) {
      const ids = clusterAlerts(points, zoom).flatMap((c) => c.alertIds);
      expect(ids.sort()).toEqual(['a', 'b', 'c']);
    }
  });
});

describe('acknowledged alerts on the map', () => {
  const acked = (p: AlertPoint): AlertPoint => ({ ...p, acknowledged: true });
  const colors: Record<AlertPoint['severity'], Rgba> = {
    info: [1, 2, 3, 255],
    major: [13, 14, 15, 255],
    minor: [4, 5, 6, 255],
    warning: [7, 8, 9, 255],
    critical: [10, 11, 12, 255],
  };
  it('fades a circle only when every alert in it is acknowledged', () => {
    const near = [acked(point('a', 105.63, 10.46, 'warning')), point('b', 105.6301, 10.4601, 'critical')];
    const [mixed] = clusterAlerts(near, 10);
    expect(mixed!.acknowledged).toBe(false);
    expect(alertFill(mixed!, colors)).toEqual([10, 11, 12, 255]);
    const [allAcked] = clusterAlerts(near.map(acked), 10);
    expect(allAcked!.acknowledged).toBe(true);
    expect(alertFill(allAcked!, colors)).toEqual([10, 11, 12, ACKNOWLEDGED_ALPHA]);
  });
  it('keeps the state of each alert when zoomed in', () => {
    const single = clusterAlerts([acked(point('a', 105.63, 10.46)), point('c', 105.9, 10.3)], CLUSTER_BELOW_ZOOM);
    expect(single.map((c) => [c.id, c.acknowledged])).toEqual([
      ['a', true],
      ['c', false],
    ]);
  });
});

describe('heatCells', () => {
  it('counts reports per cell and weighs cells against the densest', () => {
    const cells = heatCells(
      [
        [105.63, 10.46],
        [105.63001, 10.46001],
        [105.7, 10.5],
      ],
      12,
    );
    expect(cells.map((c) => c.count).sort()).toEqual([1, 2]);
    expect(Math.max(...cells.map((c) => c.weight))).toBe(1);
    expect(cells.find((c) => c.count === 1)!.weight).toBe(0.5);
  });
});

describe('assetReading', () => {
  const asset = (kind: Asset['kind'], observed: Asset['observed']): Asset => ({
    id: 'x',
    kind,
    name: 'x',
    location: null,
    ward: null,
    observed,
    observedAt: null,
  });
  it('shows a gauge level, a container fill, a lamp fault', () => {
    expect(assetReading(asset('flood_gauge', { currentLevel: 1.734 }), 'vi')).toBe('1,73 m');
    expect(assetReading(asset('waste_container', { fillingLevel: 0.87 }), 'vi')).toBe('87 %');
    expect(assetReading(asset('streetlight', { status: 'defectiveLamp' }), 'vi')).toBe('defectiveLamp');
    const words = (state: string) => ({ defectiveLamp: 'Hỏng bóng đèn', down: 'Mất kết nối' })[state] ?? null;
    expect(assetReading(asset('streetlight', { status: 'defectiveLamp' }), 'vi', words)).toBe('Hỏng bóng đèn');
    expect(assetReading(asset('wifi_ap', { apState: 'down' }), 'vi', words)).toBe('Mất kết nối');
    // A state with no wording is shown as the feed sent it rather than hidden.
    expect(assetReading(asset('streetlight', { status: 'flickering' }), 'vi', words)).toBe('flickering');
    for (const state of WORDED_STATES)
      expect([vi.map.assetState[state], en.map.assetState[state]]).not.toContain(undefined);
    expect(assetReading(asset('streetlight', { status: 'ok' }), 'vi')).toBeNull();
    expect(assetReading(asset('flood_gauge', {}), 'vi')).toBeNull();
  });
});
