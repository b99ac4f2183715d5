import type { Alert } from '../../../src-shared/contract/alerts';
import { type AlertSeverity, severityRank } from '../../../src-shared/domain/alerts/model';
import { groupPoints } from './gridClusters';

export { CLUSTER_BELOW_ZOOM } from './gridClusters';

export interface AlertPoint {
  id: string;
  position: [number, number];
  severity: AlertSeverity;
  fresh: boolean;
  /** Handled: acknowledged on the server or here (waiting to be confirmed), or already cleared. */
  acknowledged: boolean;
}

export interface AlertCluster {
  /** The alert's id, or `cluster:<cell>` for several. */
  id: string;
  position: [number, number];
  count: number;
  severity: AlertSeverity;
  fresh: boolean;
  /** Every alert in it is handled: drawn faded, so the unhandled ones stand out. */
  acknowledged: boolean;
  alertIds: string[];
  /** Where its alerts are, for zooming in until they part. */
  positions: [number, number][];
}

/** Alerts with a location, as map points (which ones — active, cleared… — is the map filter's business). */
export function alertPoints(alerts: readonly Alert[], isFresh: (a: Alert) => boolean): AlertPoint[] {
  return alerts.flatMap((a) =>
    a.location
      ? [
          {
            id: a.id,
            position: a.location.coordinates,
            severity: a.severity,
            fresh: isFresh(a),
            acknowledged: a.acknowledged || a.ackPending === true || a.state === 'cleared',
          },
        ]
      : [],
  );
}

/** Alerts grouped at low zoom (gridClusters.ts), each circle coloured by the worst severity in it. */
export function clusterAlerts(points: readonly AlertPoint[], zoom: number): AlertCluster[] {
  return groupPoints(points, zoom).map(({ key, position, members }) => {
    const worst = members.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
    return {
      id: members.length === 1 ? members[0]!.id : `cluster:${key}`,
      position,
      count: members.length,
      severity: worst.severity,
      fresh: members.some((p) => p.fresh),
      acknowledged: members.every((p) => p.acknowledged),
      alertIds: members.map((p) => p.id),
      positions: members.map((p) => p.position),
    };
  });
}
