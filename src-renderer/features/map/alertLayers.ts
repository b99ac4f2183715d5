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
  onPick(cluster: AlertCluster): void;
}

/** The ring around each new alert, which `pulseFreshRings` makes breathe to draw the eye. */
export const FRESH_RINGS_ID = 'alert-fresh-rings';
/** How often the rings swap between their two looks. */
export const PULSE_MS = 600;
/** Ring radius added to the circle's at rest; the pulse widens it to about twice that. */
const RING_GAP_PX = 7;

const radius = (c: AlertCluster) => (c.count > 1 ? 10 + Math.min(18, Math.sqrt(c.count) * 3) : 8);

/** The same clusters give the same ring data (same array): deck.gl then keeps the layer's buffers as they are. */
const freshOf = new WeakMap<readonly AlertCluster[], AlertCluster[]>();
function freshClusters(clusters: readonly AlertCluster[]): AlertCluster[] {
  let fresh = freshOf.get(clusters);
  if (!fresh) freshOf.set(clusters, (fresh = clusters.filter((c) => c.fresh)));
  return fresh;
}

export function buildAlertLayers(state: AlertLayerState): Layer[] {
  const { clusters, colors } = state;
  return [
    new ScatterplotLayer<AlertCluster>({
      id: FRESH_RINGS_ID,
      data: freshClusters(clusters),
      getPosition: (d) => d.position,
      getRadius: (d) => radius(d) + RING_GAP_PX,
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: (d) => [colors[d.severity][0], colors[d.severity][1], colors[d.severity][2], 230],
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
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

/** Whether any ring is drawn, so whether the map needs to pulse at all. */
export function hasFreshRings(clusters: readonly AlertCluster[]): boolean {
  return freshClusters(clusters).length > 0;
}

/**
 * One beat of the pulse: the rings layer alone swapped for a clone wider and fainter (or back). Radius scale and
 * opacity are uniforms, so deck.gl recomputes no attribute and leaves every other layer as it was.
 */
export function pulseFreshRings(layers: readonly Layer[], beat: number): Layer[] {
  const wide = beat % 2 === 0;
  return layers.map((layer) =>
    layer.id === FRESH_RINGS_ID && layer instanceof ScatterplotLayer
      ? layer.clone({ radiusScale: wide ? 1.45 : 1, opacity: wide ? 0.5 : 1 })
      : layer,
  );
}
