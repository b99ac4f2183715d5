import type { Alert } from '../../../src-shared/contract/alerts';
import { type AlertSeverity, severityRank } from '../../../src-shared/domain/alerts/model';

export interface AlertPoint {
  id: string;
  position: [number, number];
  severity: AlertSeverity;
  fresh: boolean;
  /** Acknowledged on the server or here, waiting to be confirmed. */
  acknowledged: boolean;
}

export interface AlertCluster {
  /** The alert's id, or `cluster:<cell>` for several. */
  id: string;
  position: [number, number];
  count: number;
  severity: AlertSeverity;
  fresh: boolean;
  /** Every alert in it is acknowledged (or waiting to be): drawn faded, so the unhandled ones stand out. */
  acknowledged: boolean;
  alertIds: string[];
}

/** Below this zoom, alerts near each other are drawn as one circle with their count. */
export const CLUSTER_BELOW_ZOOM = 13;
/** Alerts closer than about this many screen pixels share a circle. */
const CLUSTER_PX = 48;

/** Active alerts with a location, as map points. */
export function alertPoints(alerts: readonly Alert[], isFresh: (a: Alert) => boolean): AlertPoint[] {
  return alerts.flatMap((a) =>
    a.state === 'active' && a.location
      ? [
          {
            id: a.id,
            position: a.location.coordinates,
            severity: a.severity,
            fresh: isFresh(a),
            acknowledged: a.acknowledged || a.ackPending === true,
          },
        ]
      : [],
  );
}

/**
 * Aggregation at low zoom: points binned into square cells about CLUSTER_PX wide on screen at this zoom (Web
 * Mercator: 256 px cover 360° at zoom 0). Each cell becomes one circle at the points' mean, coloured by the worst
 * severity in it. Pure, so the map redraws the same clusters for the same alerts and zoom.
 */
export function clusterAlerts(points: readonly AlertPoint[], zoom: number): AlertCluster[] {
  if (zoom >= CLUSTER_BELOW_ZOOM) {
    return points.map((p) => ({
      id: p.id,
      position: p.position,
      count: 1,
      severity: p.severity,
      fresh: p.fresh,
      acknowledged: p.acknowledged,
      alertIds: [p.id],
    }));
  }
  const cellDeg = (360 / (256 * 2 ** Math.max(0, zoom))) * CLUSTER_PX;
  const cells = new Map<string, AlertPoint[]>();
  for (const p of points) {
    const key = `${Math.floor(p.position[0] / cellDeg)}:${Math.floor(p.position[1] / cellDeg)}`;
    const cell = cells.get(key);
    if (cell) cell.push(p);
    else cells.set(key, [p]);
  }
  return [...cells.entries()].map(([key, members]) => {
    const worst = members.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
    const lon = members.reduce((s, p) => s + p.position[0], 0) / members.length;
    const lat = members.reduce((s, p) => s + p.position[1], 0) / members.length;
    return {
      id: members.length === 1 ? members[0]!.id : `cluster:${key}`,
      position: [lon, lat] as [number, number],
      count: members.length,
      severity: worst.severity,
      fresh: members.some((p) => p.fresh),
      acknowledged: members.every((p) => p.acknowledged),
      alertIds: members.map((p) => p.id),
    };
  });
}
