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

describe('searchMap by code', () => {
  const cases = [
    {
      id: 'k1',
      code: 'DT-2611-0007',
      position: [105.63, 10.46] as [number, number],
      stage: 'new' as const,
      overdue: false,
    },
    {
      id: 'k2',
      code: 'DT-2611-00071',
      position: [105.64, 10.47] as [number, number],
      stage: 'working' as const,
      overdue: true,
    },
  ];
  const assets = [
    {
      id: 'urn:ngsi-ld:WasteContainer:cl-cho-01',
      name: 'Thùng rác chợ Cao Lãnh',
      kind: 'waste_container' as const,
      position: [105.6293, 10.4574] as [number, number],
      reading: '40 %',
    },
  ];
  it('finds a case by its tracking code, the exact code first, and opens it with its code', () => {
    const hits = searchMap('dt-2611-00071', [], [], { cases });
    expect(hits.map((h) => h.id)).toEqual(['case:k2']);
    const both = searchMap('DT-2611-0007', [], [], { cases: [...cases].reverse() });
    expect(both.map((h) => h.label)).toEqual(['DT-2611-0007', 'DT-2611-00071']);
    expect(both[0]).toMatchObject({ kind: 'case', code: 'DT-2611-0007', position: [105.63, 10.46] });
  });
  it('finds an asset by name without diacritics or by its register code', () => {
    expect(searchMap('thung rac cho', [], [], { assets }).map((h) => h.kind)).toEqual(['asset']);
    const byCode = searchMap('cl-cho-01', [], [], { assets });
    expect(byCode).toEqual([
      {
        kind: 'asset',
        id: 'asset:urn:ngsi-ld:WasteContainer:cl-cho-01',
        label: 'Thùng rác chợ Cao Lãnh · cl-cho-01',
        position: [105.6293, 10.4574],
      },
    ]);
    // The URN's type is not a code: "wastecontainer" finds nothing.
    expect(searchMap('wastecontainer', [], [], { assets })).toEqual([]);
  });
  it('keeps places and cameras ahead of cases and assets, within the limit', () => {
    const places = [{ text: 'Chợ Cao Lãnh', position: [1, 1] as [number, number], rank: 3, kind: 'town' as const }];
    const hits = searchMap('cho', places, [], { cases, assets }, 2);
    expect(hits.map((h) => h.kind)).toEqual(['place', 'asset']);
  });
});
