import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { LABEL_FONT } from './deckLayers';
import type { MapFocus } from './mapFocus';

const COLOR: [number, number, number] = [255, 196, 0];

/** The focused case: a bright dot inside a ring, with its tracking code beside it, over every other layer. */
export function buildFocusLayers(focus: MapFocus | null): Layer[] {
  if (!focus) return [];
  const data = [{ position: [focus.lon, focus.lat] as [number, number], label: focus.code ?? '' }];
  return [
    new ScatterplotLayer<(typeof data)[number]>({
      id: 'case-focus',
      data,
      getPosition: (d) => d.position,
      getRadius: 9,
      radiusUnits: 'pixels',
      stroked: true,
      getFillColor: [...COLOR, 255],
      getLineColor: [20, 20, 20, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
    new ScatterplotLayer<(typeof data)[number]>({
      id: 'case-focus-ring',
      data,
      getPosition: (d) => d.position,
      getRadius: 22,
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: [...COLOR, 220],
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
    }),
    new TextLayer<(typeof data)[number]>({
      id: 'case-focus-label',
      data: data.filter((d) => d.label !== ''),
      getPosition: (d) => d.position,
      getText: (d) => d.label,
      getSize: 14,
      getColor: [...COLOR, 255],
      getPixelOffset: [0, -34],
      fontFamily: LABEL_FONT,
      characterSet: 'auto',
      outlineWidth: 3,
      outlineColor: [0, 0, 0, 255],
      fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
    }),
  ];
}
