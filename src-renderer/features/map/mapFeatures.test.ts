import { describe, expect, it } from 'vitest';
import type { Camera } from '../../../src-shared/contract';
import { cameraCones, cameraPoints, STATUS_COLORS } from './cameraFeatures';
import { searchMap } from './mapSearch';

function camera(over: Partial<Camera>): Camera {
  return {
    id: 'c1',
    name: 'Ngã tư Nguyễn Huệ',
    siteId: 'cao-lanh',
    host: '127.0.0.1',
    port: 8000,
    username: 'admin',
    manufacturer: 'Axis',
    model: 'Q6045',
    firmware: '1',
    serial: 's',
    status: 'online',
    statusDetail: null,
    clockOffsetMs: 0,
    ptz: true,
    events: true,
    profiles: [],
    location: { lat: 10.46, lon: 105.63 },
    headingDeg: 90,
    fovDeg: 60,
    addedAt: '2026-11-27T00:00:00Z',
    lastSeenAt: null,
    ...over,
  };
}

describe('camera map features', () => {
  it('draws cameras with a location, coloured by status', () => {
    const points = cameraPoints([
      camera({}),
      camera({ id: 'c2', location: null }),
      camera({ id: 'c3', status: 'unreachable' }),
    ]);
    expect(points.map((p) => p.id)).toEqual(['c1', 'c3']);
    expect(points[0]!.position).toEqual([105.63, 10.46]);
    expect(points[1]!.color).toEqual(STATUS_COLORS.unreachable);
  });
  it('draws a cone only where heading and field of view are known', () => {
    const cones = cameraCones([camera({}), camera({ id: 'c2', headingDeg: null })]);
    expect(cones.map((c) => c.id)).toEqual(['c1']);
    expect(cones[0]!.polygon[0]).toEqual([105.63, 10.46]);
    expect(cones[0]!.color[3]).toBeLessThan(255);
  });
});

describe('searchMap', () => {
  const places = [
    { text: 'Ấp Mỹ Phú', position: [1, 1] as [number, number], rank: 4, kind: 'hamlet' as const },
    { text: 'Cao Lãnh', position: [2, 2] as [number, number], rank: 1, kind: 'city' as const },
    { text: 'Sông Tiền', position: [3, 3] as [number, number], rank: 5, kind: 'water' as const },
  ];
  it('finds places and cameras without diacritics, cities first', () => {
    expect(searchMap('cao lanh', places, []).map((h) => h.label)).toEqual(['Cao Lãnh']);
    expect(searchMap('nguyen hue', places, [camera({})]).map((h) => h.kind)).toEqual(['camera']);
    expect(searchMap('', places, [camera({})])).toEqual([]);
    expect(searchMap('song tien', places, [])).toEqual([]);
  });
});
