import type { Camera, CameraStatus } from '../../../src-shared/contract';
import { fieldOfViewRing } from '../../../src-shared/domain/geo';

export type Rgba = [number, number, number, number];

export const STATUS_COLORS: Record<CameraStatus, Rgba> = {
  online: [63, 185, 80, 255],
  clock_skew: [210, 168, 44, 255],
  auth_failed: [240, 136, 62, 255],
  unreachable: [248, 81, 73, 255],
  unsupported: [160, 120, 220, 255],
  unknown: [139, 148, 158, 255],
};

/** How far a field-of-view cone reaches on the map; a typical street camera's useful range. */
export const FOV_RANGE_M = 120;

export interface CameraPoint {
  id: string;
  name: string;
  status: CameraStatus;
  position: [number, number];
  color: Rgba;
}

export interface CameraCone {
  id: string;
  polygon: [number, number][];
  color: Rgba;
}

/** Cameras with coordinates, as map points; cameras without a location are not drawn (and counted apart). */
export function cameraPoints(cameras: readonly Camera[]): CameraPoint[] {
  return cameras.flatMap((c) =>
    c.location
      ? [
          {
            id: c.id,
            name: c.name,
            status: c.status,
            position: [c.location.lon, c.location.lat],
            color: STATUS_COLORS[c.status],
          },
        ]
      : [],
  );
}

/** Field-of-view cones for cameras that know where they look. */
export function cameraCones(cameras: readonly Camera[]): CameraCone[] {
  return cameras.flatMap((c) => {
    if (!c.location || c.headingDeg === null || c.fovDeg === null) return [];
    const [r, g, b] = STATUS_COLORS[c.status];
    return [
      {
        id: c.id,
        polygon: fieldOfViewRing([c.location.lon, c.location.lat], c.headingDeg, c.fovDeg, FOV_RANGE_M),
        color: [r, g, b, 60] as Rgba,
      },
    ];
  });
}
