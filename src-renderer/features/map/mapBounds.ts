import type { LngLatBoundsLike } from 'maplibre-gl';
import type { BasemapView } from './basemapChoice';

/** How far beyond the basemap's bounds the map may be dragged, in degrees. */
const BOUNDS_MARGIN = 0.5;
export const MIN_ZOOM = 7;

export function maxBoundsOf(view: BasemapView): LngLatBoundsLike {
  const [[west, south], [east, north]] = view.bounds;
  return [
    [west - BOUNDS_MARGIN, south - BOUNDS_MARGIN],
    [east + BOUNDS_MARGIN, north + BOUNDS_MARGIN],
  ];
}
