import type { StyleSpecification } from 'maplibre-gl';
import { layerNamesFromMetadata } from './basemapLayers';
import { BASEMAP_BOUNDS, BASEMAP_CENTER, buildBasemapStyle } from './basemapStyle';

export type LonLatBounds = [[number, number], [number, number]];

/** Where the map may go and starts: the basemap's bounds, and its center and zoom (null: fit the bounds). */
export interface BasemapView {
  bounds: LonLatBounds;
  center: [number, number];
  zoom: number | null;
}

/** What MapCanvas draws: a style (object, or the URL of a configured one), and what to draw if that fails. */
export interface MapBasemap {
  style: StyleSpecification | string;
  /** Null for a style URL: the style says where to start, and the map is not held anywhere. */
  view: BasemapView | null;
  fallback: { style: StyleSpecification; view: BasemapView } | null;
  /** The offline basemap's label points (places.geojson, water.geojson) belong on it, and on no other. */
  offlineLabels: boolean;
}

/** The part of a PMTiles header (pmtiles' Header) that says where the tiles are. */
export interface PmtilesExtent {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
  centerLon: number;
  centerLat: number;
  centerZoom: number;
}

export const OFFLINE_VIEW: BasemapView = { bounds: BASEMAP_BOUNDS, center: BASEMAP_CENTER, zoom: 9.3 };

export function offlineBasemap(pmtilesUrl: string): MapBasemap {
  return { style: buildBasemapStyle(pmtilesUrl), view: OFFLINE_VIEW, fallback: null, offlineLabels: true };
}

/**
 * A configured PMTiles file: bounds and center from its header, attribution (else none) and the names of its layers
 * from its metadata.
 */
export function pmtilesBasemap(pmtilesUrl: string, header: PmtilesExtent, metadata: unknown): MapBasemap {
  return {
    style: buildBasemapStyle(pmtilesUrl, attributionFromMetadata(metadata) ?? null, layerNamesFromMetadata(metadata)),
    view: viewFromHeader(header),
    fallback: null,
    offlineLabels: false,
  };
}

/** A configured style URL, with the offline basemap to fall back to when it cannot be loaded. */
export function styleBasemap(styleUrl: string, offlinePmtilesUrl: string): MapBasemap {
  return {
    style: styleUrl,
    view: null,
    fallback: { style: buildBasemapStyle(offlinePmtilesUrl), view: OFFLINE_VIEW },
    offlineLabels: false,
  };
}

const inRange = (value: number, limit: number) => Number.isFinite(value) && Math.abs(value) <= limit;

/** The header's extent as a view; a header without usable bounds leaves the map free (null). */
export function viewFromHeader(h: PmtilesExtent): BasemapView | null {
  const lons = [h.minLon, h.maxLon];
  const lats = [h.minLat, h.maxLat];
  if (!lons.every((v) => inRange(v, 180)) || !lats.every((v) => inRange(v, 90))) return null;
  if (h.minLon >= h.maxLon || h.minLat >= h.maxLat) return null;
  const centerInside =
    h.centerLon >= h.minLon && h.centerLon <= h.maxLon && h.centerLat >= h.minLat && h.centerLat <= h.maxLat;
  return {
    bounds: [
      [h.minLon, h.minLat],
      [h.maxLon, h.maxLat],
    ],
    center: centerInside ? [h.centerLon, h.centerLat] : [(h.minLon + h.maxLon) / 2, (h.minLat + h.maxLat) / 2],
    zoom: centerInside && h.centerZoom > 0 ? h.centerZoom : null,
  };
}

/** The `attribution` of a PMTiles file's metadata (TileJSON-like), when it is a non-empty string. */
export function attributionFromMetadata(metadata: unknown): string | undefined {
  if (typeof metadata !== 'object' || metadata === null || !('attribution' in metadata)) return undefined;
  const { attribution } = metadata;
  if (typeof attribution !== 'string' || attribution.trim() === '') return undefined;
  return attribution.trim().slice(0, 500);
}
