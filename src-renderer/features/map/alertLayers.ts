import type { Layer, PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { AlertSeverity } from '../../../src-shared/domain/alerts/model';
import { buildClusterCountLayer } from './clusterLabels';
import type { AlertCluster } from './alertClusters';
import { alertFill, type Rgba } from './alertFill';

export interface AlertLayerState {
  clusters: readonly AlertCluster[];
  colors: Record<AlertSeverity, Rgba>;
  selectedId: string | null;
  /** Toggled a few times a second while new alerts exist: their ring breathes to draw the eye. */
  pulse: boolean;
  onPick(cluster: AlertCluster): void;
}

export function buildAlertLayers(state: AlertLayerState): Layer[] {
  const { clusters, colors } = state;
  const radius = (c: AlertCluster) => (c.count > 1 ? 10 + Math.min(18, Math.sqrt(c.count) * 3) : 8);
  const fresh = clusters.filter((c) => c.fresh);
  return [
    new ScatterplotLayer<AlertCluster>({
      id: 'alert-fresh-rings',
      data: fresh,
      getPosition: (d) => d.position,
      getRadius: (d) => radius(d) + (state.pulse ? 14 : 7),
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: (d) => [
        colors[d.severity][0],
        colors[d.severity][1],
        colors[d.severity][2],
        state.pulse ? 110 : 230,
      ],
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      updateTriggers: { getRadius: state.pulse, getLineColor: state.pulse },
    }),
    new ScatterplotLayer<AlertCluster>({
      id: 'alerts',
      data: clusters,
      getPosition: (d) => d.position,
      getRadius: radius,
      radiusUnits: 'pixels',
      getFillColor: (d) => alertFill(d, colors),
      stroked: true,
      getLineColor: (d) =>
        d.id === state.selectedId || d.alertIds.includes(state.selectedId ?? '')
          ? [255, 255, 255, 255]
          : [10, 14, 20, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      pickable: true,
      onClick: (info: PickingInfo<AlertCluster>) => {
        if (info.object) state.onPick(info.object);
      },
      updateTriggers: { getLineColor: state.selectedId },
    }),
    buildClusterCountLayer('alert-counts', clusters),
  ];
}
