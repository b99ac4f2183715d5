import type { LngLatBoundsLike, StyleSpecification } from 'maplibre-gl';
import type { MapBasemap } from './basemapChoice';
import { maxBoundsOf, MIN_ZOOM } from './mapBounds';

export interface MiniMapStart {
  style: StyleSpecification | string;
  center: [number, number];
  zoom: number;
  minZoom: number;
  maxBounds?: LngLatBoundsLike;
  /** The credit written under the map; null: the style's own (a style URL), shown by MapLibre's control. */
  credit: string | null;
}

/** The credit of a style built here (its basemap source's attribution), null for a style URL or none. */
export function basemapCredit(style: StyleSpecification | string): string | null {
  if (typeof style === 'string') return null;
  const source = style.sources.basemap;
  return source && 'attribution' in source && typeof source.attribution === 'string' ? source.attribution : null;
}

/** The mini-map on the basemap the Map page draws, held to its area like the Map page, centred on the place. */
export function miniMapStart(basemap: MapBasemap, place: [number, number]): MiniMapStart {
  return {
    style: basemap.style,
    center: place,
    zoom: 12,
    minZoom: basemap.view ? MIN_ZOOM : 0,
    ...(basemap.view ? { maxBounds: maxBoundsOf(basemap.view) } : {}),
    credit: basemapCredit(basemap.style),
  };
}
