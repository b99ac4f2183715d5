import type { Layer, PickingInfo } from '@deck.gl/core';
import { PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { MAP_COLORS } from './basemapStyle';
import type { CameraCone, CameraPoint } from './cameraFeatures';
import { minZoomFor, type MapLabel } from './labels';

/** Bundled with the app (fonts.ts) so Vietnamese labels render offline; DejaVu is Debian's fallback. */
export const LABEL_FONT = '"Be Vietnam Pro", "DejaVu Sans", sans-serif';

export interface MapLayerState {
  zoom: number;
  labels: readonly MapLabel[];
  cameras: readonly CameraPoint[];
  cones: readonly CameraCone[];
  visible: { places: boolean; cameras: boolean; fieldOfView: boolean };
  selectedCameraId: string | null;
  onSelectCamera(id: string | null): void;
  /** Drawn under the cameras (heat map, utility assets) and over them (alerts); built by their own modules. */
  beneath?: readonly Layer[];
  above?: readonly Layer[];
}

const LABEL_STYLE: Record<MapLabel['kind'], { size: number; color: [number, number, number, number] }> = {
  city: { size: 17, color: [235, 241, 247, 255] },
  town: { size: 13, color: [190, 201, 212, 255] },
  hamlet: { size: 11, color: [150, 162, 175, 255] },
  water: { size: 12, color: [110, 170, 215, 255] },
};

const hexToRgb = (hex: string): [number, number, number] =>
  [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/**
 * The labels shown at a zoom, the same array for the same labels and zoom: new data would make deck.gl lay out
 * every label's glyphs again, and the layers are rebuilt whenever an alert comes in.
 */
let lastShown: { labels: readonly MapLabel[]; zoom: number; shown: MapLabel[] } | null = null;
function shownLabels(labels: readonly MapLabel[], zoom: number): MapLabel[] {
  if (lastShown?.labels !== labels || lastShown.zoom !== zoom)
    lastShown = { labels, zoom, shown: labels.filter((l) => minZoomFor(l) <= zoom) };
  return lastShown.shown;
}

/** The deck.gl layers as a pure function of the map's state: same state, same layers. */
export function buildDeckLayers(state: MapLayerState): Layer[] {
  const layers: Layer[] = [...(state.beneath ?? [])];
  if (state.visible.fieldOfView) {
    layers.push(
      new PolygonLayer<CameraCone>({
        id: 'camera-fov',
        data: state.cones,
        getPolygon: (d) => d.polygon,
        getFillColor: (d) => d.color,
        getLineColor: (d) => [d.color[0], d.color[1], d.color[2], 150],
        lineWidthMinPixels: 1,
        stroked: true,
        filled: true,
      }),
    );
  }
  if (state.visible.cameras) {
    layers.push(
      new ScatterplotLayer<CameraPoint>({
        id: 'cameras',
        data: state.cameras,
        getPosition: (d) => d.position,
        getFillColor: (d) => d.color,
        getLineColor: (d) =>
          d.id === state.selectedCameraId ? [255, 255, 255, 255] : [...hexToRgb(MAP_COLORS.background), 255],
        getLineWidth: (d) => (d.id === state.selectedCameraId ? 3 : 1.5),
        lineWidthUnits: 'pixels',
        stroked: true,
        radiusUnits: 'pixels',
        getRadius: (d) => (d.id === state.selectedCameraId ? 9 : 6),
        pickable: true,
        onClick: (info: PickingInfo<CameraPoint>) => state.onSelectCamera(info.object?.id ?? null),
        updateTriggers: {
          getLineColor: state.selectedCameraId,
          getLineWidth: state.selectedCameraId,
          getRadius: state.selectedCameraId,
        },
      }),
    );
  }
  if (state.visible.places) {
    layers.push(
      new TextLayer<MapLabel>({
        id: 'place-labels',
        data: shownLabels(state.labels, state.zoom),
        getText: (d) => d.text,
        getPosition: (d) => d.position,
        getSize: (d) => LABEL_STYLE[d.kind].size,
        getColor: (d) => LABEL_STYLE[d.kind].color,
        fontFamily: LABEL_FONT,
        fontWeight: 500,
        characterSet: 'auto',
        fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
        outlineWidth: 4,
        outlineColor: [...hexToRgb(MAP_COLORS.background), 230],
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'center',
      }),
    );
  }
  if (state.visible.cameras && state.zoom >= 13) {
    layers.push(
      new TextLayer<CameraPoint>({
        id: 'camera-labels',
        data: state.cameras,
        getText: (d) => d.name,
        getPosition: (d) => d.position,
        getSize: 12,
        getColor: [220, 228, 236, 255],
        getPixelOffset: [0, -16],
        fontFamily: LABEL_FONT,
        fontWeight: 500,
        characterSet: 'auto',
        fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
        outlineWidth: 4,
        outlineColor: [...hexToRgb(MAP_COLORS.background), 230],
      }),
    );
  }
  // Alerts over everything, labels included: they are what the operator must not miss.
  layers.push(...(state.above ?? []));
  return layers;
}
