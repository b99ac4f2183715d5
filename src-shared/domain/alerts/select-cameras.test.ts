import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { destination, isInFieldOfView, type LonLat } from '../geo';
import { type CameraCandidate, camerasForAlert } from './select-cameras';

const ALERT: LonLat = [105.6321, 10.4598];

/** A camera `meters` from the alert on bearing `from` (alert → camera), looking `lookOffset` away from the alert. */
function cameraAt(id: string, from: number, meters: number, lookOffset = 0, extra: Partial<CameraCandidate> = {}) {
  const [lon, lat] = destination(ALERT, from, meters);
  const towardAlert = (from + 180) % 360;
  return {
    id,
    location: { lat, lon },
    headingDeg: (towardAlert + lookOffset + 360) % 360,
    fovDeg: 60,
    status: 'online',
    ...extra,
  } satisfies CameraCandidate;
}

describe('camerasForAlert', () => {
  it('ranks cameras whose view covers the alert by distance, then PTZ cameras that can turn to it', () => {
    const cams = [
      cameraAt('far-view', 0, 100),
      cameraAt('near-view', 90, 40),
      cameraAt('looking-away', 180, 30, 150),
      cameraAt('ptz-near', 270, 60, 150, { ptz: true }),
      cameraAt('too-far', 45, 400),
      cameraAt('no-location', 0, 10, 0, { location: null }),
    ];
    const picked = camerasForAlert(ALERT, cams);
    expect(picked.map((c) => `${c.id}:${c.coverage}`)).toEqual(['near-view:view', 'far-view:view', 'ptz-near:ptz']);
    expect(picked[0]!.distanceM).toBeCloseTo(40, 0);
    // A PTZ camera should turn back towards the alert: from 270° away means a bearing of ~90°.
    expect(picked[2]!.bearingDeg).toBeCloseTo(90, 0);
  });

  it('leaves out cameras that cannot show anything and those with an unknown view', () => {
    const cams = [
      cameraAt('down', 0, 20, 0, { status: 'unreachable' }),
      cameraAt('unknown-heading', 0, 20, 0, { headingDeg: null }),
      cameraAt('ok', 0, 50),
    ];
    expect(camerasForAlert(ALERT, cams).map((c) => c.id)).toEqual(['ok']);
  });

  it('prefers the camera looking more straight at the alert when distances tie', () => {
    const cams = [cameraAt('oblique', 0, 50, 25), cameraAt('straight', 0, 50, 2)];
    expect(camerasForAlert(ALERT, cams).map((c) => c.id)).toEqual(['straight', 'oblique']);
  });

  it('honours limit and range', () => {
    const cams = Array.from({ length: 10 }, (_, i) => cameraAt(`c${i}`, i * 36, 20 + i * 10));
    expect(camerasForAlert(ALERT, cams, { limit: 3 }).map((c) => c.id)).toEqual(['c0', 'c1', 'c2']);
    expect(camerasForAlert(ALERT, cams, { rangeM: 45 }).map((c) => c.id)).toEqual(['c0', 'c1', 'c2']);
    expect(camerasForAlert(ALERT, cams, { limit: 0 })).toEqual([]);
  });

  it('only ever offers "view" cameras that isInFieldOfView accepts, in non-decreasing distance', () => {
    const camera = fc.record({
      from: fc.double({ min: 0, max: 359.9, noNaN: true }),
      meters: fc.double({ min: 1, max: 300, noNaN: true }),
      look: fc.double({ min: -180, max: 180, noNaN: true }),
      fov: fc.double({ min: 5, max: 360, noNaN: true }),
      ptz: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(camera, { maxLength: 12 }), (specs) => {
        const cams = specs.map((s, i) => ({
          ...cameraAt(`c${i}`, s.from, s.meters, s.look, { ptz: s.ptz }),
          fovDeg: s.fov,
        }));
        const picked = camerasForAlert(ALERT, cams, { limit: 20 });
        const views = picked.filter((p) => p.coverage === 'view');
        for (const p of views) {
          const c = cams.find((x) => x.id === p.id)!;
          expect(isInFieldOfView([c.location!.lon, c.location!.lat], c.headingDeg!, c.fovDeg, 120, ALERT)).toBe(true);
        }
        for (let i = 1; i < views.length; i++)
          expect(views[i]!.distanceM).toBeGreaterThanOrEqual(views[i - 1]!.distanceM);
        // Every "view" camera comes before every "ptz" one.
        const firstPtz = picked.findIndex((p) => p.coverage === 'ptz');
        if (firstPtz >= 0) expect(picked.slice(firstPtz).every((p) => p.coverage === 'ptz')).toBe(true);
      }),
    );
  });
});
