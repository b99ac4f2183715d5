import { describe, expect, it } from 'vitest';
import type { Asset } from '../../../src-shared/contract/alerts';
import { type AlertPoint, CLUSTER_BELOW_ZOOM, clusterAlerts } from './alertClusters';
import { assetReading } from './assetReadings';
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
    expect(assetReading(asset('streetlight', { status: 'ok' }), 'vi')).toBeNull();
    expect(assetReading(asset('flood_gauge', {}), 'vi')).toBeNull();
  });
});
