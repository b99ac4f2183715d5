import type { AlertSeverity } from '../../../src-shared/domain/alerts/model';
import type { AlertCluster } from './alertClusters';

export type Rgba = [number, number, number, number];

/** Fill alpha of a circle whose alerts are all acknowledged: still visible, no longer shouting. */
export const ACKNOWLEDGED_ALPHA = 90;

/** A circle's fill: its worst severity's colour, faded when every alert in it is acknowledged. */
export function alertFill(
  cluster: Pick<AlertCluster, 'severity' | 'acknowledged'>,
  colors: Record<AlertSeverity, Rgba>,
): Rgba {
  const [r, g, b, a] = colors[cluster.severity];
  return cluster.acknowledged ? [r, g, b, Math.min(a, ACKNOWLEDGED_ALPHA)] : [r, g, b, a];
}
