/** Below this zoom, points near each other (alerts, cases) are drawn as one circle with their count. */
export const CLUSTER_BELOW_ZOOM = 13;
/** Points closer than about this many screen pixels share a circle. */
const CLUSTER_PX = 48;

export interface PointGroup<P> {
  /** The cell's key, stable for the same zoom: `cluster:<key>` names a circle of several points. */
  key: string;
  /** The members' mean position. */
  position: [number, number];
  members: P[];
}

/**
 * Aggregation at low zoom: points binned into square cells about CLUSTER_PX wide on screen at this zoom (Web
 * Mercator: 256 px cover 360° at zoom 0); at CLUSTER_BELOW_ZOOM and closer every point is its own group. Pure, so
 * the map redraws the same groups for the same points and zoom; each layer decides how a group looks.
 */
export function groupPoints<P extends { id: string; position: [number, number] }>(
  points: readonly P[],
  zoom: number,
): PointGroup<P>[] {
  if (zoom >= CLUSTER_BELOW_ZOOM) return points.map((p) => ({ key: p.id, position: p.position, members: [p] }));
  const cellDeg = (360 / (256 * 2 ** Math.max(0, zoom))) * CLUSTER_PX;
  const cells = new Map<string, P[]>();
  for (const p of points) {
    const key = `${Math.floor(p.position[0] / cellDeg)}:${Math.floor(p.position[1] / cellDeg)}`;
    const cell = cells.get(key);
    if (cell) cell.push(p);
    else cells.set(key, [p]);
  }
  return [...cells.entries()].map(([key, members]) => ({
    key,
    position: [
      members.reduce((s, p) => s + p.position[0], 0) / members.length,
      members.reduce((s, p) => s + p.position[1], 0) / members.length,
    ],
    members,
  }));
}

/**
 * The zoom a click on a circle of several points flies to: the first whole step in at which they no longer share
 * one circle (at most CLUSTER_BELOW_ZOOM, where every point stands alone).
 */
export function expansionZoom(positions: readonly [number, number][], zoom: number): number {
  const members = positions.map((position, i) => ({ id: String(i), position }));
  let next = Math.floor(zoom) + 1;
  while (next < CLUSTER_BELOW_ZOOM && groupPoints(members, next).length < 2) next += 1;
  return Math.min(next, CLUSTER_BELOW_ZOOM);
}
