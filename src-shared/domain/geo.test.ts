import { describe, expect, it } from 'vitest';
import {
  angleDifference,
  bearingDeg,
  destination,
  distanceMeters,
  fieldOfViewRing,
  isInFieldOfView,
  type LonLat,
} from './geo';

const CAO_LANH: LonLat = [105.6333, 10.4667];
const SA_DEC: LonLat = [105.7594, 10.2929];

describe('geo', () => {
  it('measures Cao Lãnh to Sa Đéc at about 24 km', () => {
    expect(distanceMeters(CAO_LANH, SA_DEC) / 1000).toBeCloseTo(23.7, 0);
  });
  it('goes and comes back: destination inverts distance and bearing', () => {
    const b = bearingDeg(CAO_LANH, SA_DEC);
    const d = distanceMeters(CAO_LANH, SA_DEC);
    const there = destination(CAO_LANH, b, d);
    expect(distanceMeters(there, SA_DEC)).toBeLessThan(1);
  });
  it('takes angle differences across north', () => {
    expect(angleDifference(350, 10)).toBe(20);
    expect(angleDifference(10, 350)).toBe(-20);
    expect(angleDifference(0, 180)).toBe(180);
  });
  it('builds a closed field-of-view ring with its apex at the camera', () => {
    const ring = fieldOfViewRing(CAO_LANH, 90, 60, 200, 6);
    expect(ring[0]).toEqual([CAO_LANH[0], CAO_LANH[1]]);
    expect(ring.at(-1)).toEqual(ring[0]);
    expect(ring).toHaveLength(9);
    for (const p of ring.slice(1, -1)) expect(distanceMeters(CAO_LANH, p)).toBeCloseTo(200, 3);
  });
  it('tells whether a point is in view: inside the angle and the range only', () => {
    const east100 = destination(CAO_LANH, 90, 100);
    expect(isInFieldOfView(CAO_LANH, 90, 60, 200, east100)).toBe(true);
    expect(isInFieldOfView(CAO_LANH, 270, 60, 200, east100)).toBe(false);
    expect(isInFieldOfView(CAO_LANH, 90, 60, 50, east100)).toBe(false);
    expect(isInFieldOfView(CAO_LANH, 0, 360, 200, east100)).toBe(true);
    const northEast = destination(CAO_LANH, 5, 100);
    expect(isInFieldOfView(CAO_LANH, 350, 40, 200, northEast)).toBe(true);
  });
});
