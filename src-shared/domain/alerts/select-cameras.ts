import { angleDifference, bearingDeg, distanceMeters, isInFieldOfView, type LonLat } from '../geo';

/** What the selection needs of a camera; the contract's Camera fits as it is. */
export interface CameraCandidate {
  id: string;
  location: { lat: number; lon: number } | null;
  headingDeg: number | null;
  fovDeg: number | null;
  status?: string;
  ptz?: boolean;
}

export interface CameraSelectionOptions {
  /** How far a fixed camera usefully sees; the map draws its cones this long. */
  rangeM?: number;
  /** How far a PTZ camera is still worth turning towards the alert. */
  ptzRangeM?: number;
  /** Tiles in the pop-up. */
  limit?: number;
}

export interface SelectedCamera {
  id: string;
  distanceM: number;
  /** From the camera to the alert, degrees clockwise from north: where a PTZ camera should turn. */
  bearingDeg: number;
  /** `view`: the alert is inside its field of view now; `ptz`: it can be turned there. */
  coverage: 'view' | 'ptz';
}

export const DEFAULT_SELECTION = { rangeM: 120, ptzRangeM: 250, limit: 4 } as const;

/** Cameras that cannot show anything now are never offered. */
const UNUSABLE = new Set(['unreachable', 'auth_failed', 'unsupported']);

/**
 * The cameras to put in the wall's alarm pop-up for an alert at `point` ([lon, lat]): first those whose field of
 * view covers it, nearest first (then the one looking most straight at it), then PTZ cameras in reach that can
 * turn to it, nearest first. Cameras without a location, or without a known heading and not PTZ, are left out.
 */
export function camerasForAlert(
  point: LonLat,
  cameras: readonly CameraCandidate[],
  options: CameraSelectionOptions = {},
): SelectedCamera[] {
  const rangeM = options.rangeM ?? DEFAULT_SELECTION.rangeM;
  const ptzRangeM = options.ptzRangeM ?? DEFAULT_SELECTION.ptzRangeM;
  const limit = options.limit ?? DEFAULT_SELECTION.limit;
  const inView: (SelectedCamera & { offAxis: number })[] = [];
  const turnable: SelectedCamera[] = [];
  for (const camera of cameras) {
    if (!camera.location || (camera.status !== undefined && UNUSABLE.has(camera.status))) continue;
    const at: LonLat = [camera.location.lon, camera.location.lat];
    const distanceM = distanceMeters(at, point);
    const bearing = bearingDeg(at, point);
    const knowsView = camera.headingDeg !== null && camera.fovDeg !== null;
    if (knowsView && isInFieldOfView(at, camera.headingDeg!, camera.fovDeg!, rangeM, point)) {
      const offAxis = Math.abs(angleDifference(camera.headingDeg!, bearing));
      inView.push({ id: camera.id, distanceM, bearingDeg: bearing, coverage: 'view', offAxis });
    } else if (camera.ptz === true && distanceM <= ptzRangeM) {
      turnable.push({ id: camera.id, distanceM, bearingDeg: bearing, coverage: 'ptz' });
    }
  }
  inView.sort((a, b) => a.distanceM - b.distanceM || a.offAxis - b.offAxis || a.id.localeCompare(b.id));
  turnable.sort((a, b) => a.distanceM - b.distanceM || a.id.localeCompare(b.id));
  return [...inView.map(({ offAxis: _offAxis, ...rest }) => rest), ...turnable].slice(0, Math.max(0, limit));
}
