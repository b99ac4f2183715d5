import type { Layer, PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { buildClusterCountLayer } from './clusterLabels';
import type { Rgba } from './alertFill';
import type { CaseCluster } from './caseClusters';
import { CASE_STAGE_COLORS, OVERDUE_RING } from './caseColors';

const radius = (c: CaseCluster) => (c.count > 1 ? 9 + Math.min(16, Math.sqrt(c.count) * 2.5) : 6);

/**
 * Citizens' cases: a dot per case (or per circle of nearby cases at low zoom, with their count) coloured by its
 * stage, a red ring when it is, or any case in it is, overdue.
 */
export function buildCaseLayers(
  clusters: readonly CaseCluster[],
  selectedId: string | null,
  onPick: (c: CaseCluster) => void,
) {
  const layers: Layer[] = [
    new ScatterplotLayer<CaseCluster>({
      id: 'case-overdue-rings',
      data: clusters.filter((c) => c.overdue > 0),
      getPosition: (d) => d.position,
      getRadius: (d) => radius(d) + 4,
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: OVERDUE_RING,
      lineWidthUnits: 'pixels',
      getLineWidth: (d) => (d.count > 1 ? 3 : 2),
    }),
    new ScatterplotLayer<CaseCluster>({
      id: 'cases',
      data: clusters,
      getPosition: (d) => d.position,
      getRadius: radius,
      radiusUnits: 'pixels',
      getFillColor: (d): Rgba => CASE_STAGE_COLORS[d.stage],
      stroked: true,
      getLineColor: (d): Rgba =>
        d.id === selectedId || d.caseIds.includes(selectedId ?? '') ? [255, 255, 255, 255] : [10, 14, 20, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      pickable: true,
      onClick: (info: PickingInfo<CaseCluster>) => {
        if (info.object) onPick(info.object);
      },
      updateTriggers: { getLineColor: selectedId },
    }),
    buildClusterCountLayer('case-counts', clusters),
  ];
  return layers;
}
