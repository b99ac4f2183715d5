import type { Layer, PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { ASSET_COLORS, type AssetPoint } from './assetReadings';
import { LABEL_FONT } from './deckLayers';

export function buildAssetLayers(
  points: readonly AssetPoint[],
  zoom: number,
  onPick: (p: AssetPoint) => void,
): Layer[] {
  const layers: Layer[] = [
    new ScatterplotLayer<AssetPoint>({
      id: 'assets',
      data: points,
      getPosition: (d) => d.position,
      getFillColor: (d) => ASSET_COLORS[d.kind],
      getRadius: 4,
      radiusUnits: 'pixels',
      stroked: true,
      getLineColor: [10, 14, 20, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      pickable: true,
      onClick: (info: PickingInfo<AssetPoint>) => {
        if (info.object) onPick(info.object);
      },
    }),
  ];
  if (zoom >= 13) {
    layers.push(
      new TextLayer<AssetPoint>({
        id: 'asset-readings',
        data: points.filter((p) => p.reading !== null),
        getText: (d) => d.reading ?? '',
        getPosition: (d) => d.position,
        getSize: 11,
        getColor: [220, 228, 236, 255],
        getPixelOffset: [0, 12],
        fontFamily: LABEL_FONT,
        characterSet: 'auto',
        outlineWidth: 3,
        outlineColor: [10, 14, 20, 220],
        fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
      }),
    );
  }
  return layers;
}
