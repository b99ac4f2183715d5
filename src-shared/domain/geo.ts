/** Small spherical-earth helpers for the map and for picking cameras near an alert. Coordinates are [lon, lat]. */
export type LonLat = readonly [number, number];

const EARTH_RADIUS_M = 6_371_008.8;
const toRad = (deg: number) => (deg * Math.PI) / 180;
const toDeg = (rad: number) => (rad * 180) / Math.PI;

export function distanceMeters(a: LonLat, b: LonLat): number {
  const dLat = toRad(b[1] - a[1]);
  const dLon = toRad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a[1])) * Math.cos(toRad(b[1])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b, degrees clockwise from north in [0, 360). */
export function bearingDeg(a: LonLat, b: LonLat): number {
  const φ1 = toRad(a[1]);
  const φ2 = toRad(b[1]);
  const Δλ = toRad(b[0] - a[0]);
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  return (toDeg(Math.atan2(y, x)) + 360) % 360;
}

/** The point reached from `origin` going `meters` along `bearing`. */
export function destination(origin: LonLat, bearing: number, meters: number): [number, number] {
  const δ = meters / EARTH_RADIUS_M;
  const θ = toRad(bearing);
  const φ1 = toRad(origin[1]);
  const λ1 = toRad(origin[0]);
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
  const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
  return [((toDeg(λ2) + 540) % 360) - 180, toDeg(φ2)];
}

/** Smallest signed difference between two bearings, in (-180, 180]. */
export function angleDifference(a: number, b: number): number {
  const d = ((((b - a) % 360) + 540) % 360) - 180;
  return d === -180 ? 180 : d;
}

/** A closed ring outlining a camera's field of view: apex at the camera, arc at `rangeM`. */
export function fieldOfViewRing(
  camera: LonLat,
  headingDeg: number,
  fovDeg: number,
  rangeM: number,
  arcSteps = 12,
): [number, number][] {
  if (fovDeg >= 360) {
    const ring = Array.from({ length: arcSteps * 3 }, (_, i) =>
      destination(camera, (i * 360) / (arcSteps * 3), rangeM),
    );
    return [...ring, ring[0]!];
  }
  const start = headingDeg - fovDeg / 2;
  const arc = Array.from({ length: arcSteps + 1 }, (_, i) =>
    destination(camera, start + (i * fovDeg) / arcSteps, rangeM),
  );
  return [[camera[0], camera[1]], ...arc, [camera[0], camera[1]]];
}

/** Whether `point` lies inside the camera's field of view within `rangeM`. */
export function isInFieldOfView(
  camera: LonLat,
  headingDeg: number,
  fovDeg: number,
  rangeM: number,
  point: LonLat,
): boolean {
  if (distanceMeters(camera, point) > rangeM) return false;
  if (fovDeg >= 360) return true;
  return Math.abs(angleDifference(headingDeg, bearingDeg(camera, point))) <= fovDeg / 2;
}
