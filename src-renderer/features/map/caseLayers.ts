import type { Layer, PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Rgba } from './alertFill';
import { CASE_STAGE_COLORS, OVERDUE_RING } from './caseColors';
import type { CasePoint } from './casePoints';

/** Citizens' cases: a square-ish dot per case coloured by its stage, a red ring when it is overdue. */
export function buildCaseLayers(
  points: readonly CasePoint[],
  selectedId: string | null,
  onPick: (p: CasePoint) => void,
) {
  const layers: Layer[] = [
    new ScatterplotLayer<CasePoint>({
      id: 'case-overdue-rings',
      data: points.filter((p) => p.overdue),
      getPosition: (d) => d.position,
      getRadius: 10,
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: OVERDUE_RING,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
    new ScatterplotLayer<CasePoint>({
      id: 'cases',
      data: points,
      getPosition: (d) => d.position,
      getRadius: 6,
      radiusUnits: 'pixels',
      getFillColor: (d): Rgba => CASE_STAGE_COLORS[d.stage],
      stroked: true,
      getLineColor: (d): Rgba => (d.id === selectedId ? [255, 255, 255, 255] : [10, 14, 20, 255]),
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      pickable: true,
      onClick: (info: PickingInfo<CasePoint>) => {
        if (info.object) onPick(info.object);
      },
      updateTriggers: { getLineColor: selectedId },
    }),
  ];
  return layers;
}
