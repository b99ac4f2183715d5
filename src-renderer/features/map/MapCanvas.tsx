import type { Layer } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import * as maplibregl from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { BASEMAP_BOUNDS, BASEMAP_CENTER, buildBasemapStyle } from './basemapStyle';
import { registerPmtiles } from './maplibreSetup';

export interface MapHandle {
  flyTo(position: [number, number], zoom?: number): void;
  zoomBy(delta: number): void;
  resetView(): void;
}

interface MapCanvasProps {
  pmtilesUrl: string;
  layers: Layer[];
  onReady(handle: MapHandle): void;
  onError(message: string): void;
  onZoom(zoom: number): void;
}

/** MapLibre draws the offline basemap; deck.gl overlays the data layers on top (overlaid mode, maplibre-gl 6). */
export function MapCanvas({ pmtilesUrl, layers, onReady, onError, onZoom }: MapCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const callbacks = useRef({ onReady, onError, onZoom });
  callbacks.current = { onReady, onError, onZoom };

  useEffect(() => {
    if (!container.current) return;
    registerPmtiles();
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container: container.current,
        style: buildBasemapStyle(pmtilesUrl),
        center: BASEMAP_CENTER,
        zoom: 9.3,
        minZoom: 7,
        maxZoom: 17,
        maxBounds: [
          [BASEMAP_BOUNDS[0][0] - 0.5, BASEMAP_BOUNDS[0][1] - 0.5],
          [BASEMAP_BOUNDS[1][0] + 0.5, BASEMAP_BOUNDS[1][1] + 0.5],
        ],
        attributionControl: { compact: true },
        dragRotate: false,
      });
    } catch (error) {
      callbacks.current.onError(error instanceof Error ? error.message : String(error));
      return;
    }
    const deck = new MapboxOverlay({ interleaved: false, layers: [] });
    overlay.current = deck;
    map.addControl(deck);
    map.on('error', (event) => callbacks.current.onError(event.error.message));
    map.on('zoomend', () => callbacks.current.onZoom(map.getZoom()));
    map.once('load', () => {
      callbacks.current.onZoom(map.getZoom());
      callbacks.current.onReady({
        flyTo: (position, zoom = 14) => map.flyTo({ center: position, zoom, essential: true }),
        zoomBy: (delta) => map.zoomTo(map.getZoom() + delta),
        resetView: () => map.fitBounds(BASEMAP_BOUNDS, { padding: 24 }),
      });
    });
    return () => {
      overlay.current = null;
      map.remove();
    };
  }, [pmtilesUrl]);

  useEffect(() => {
    overlay.current?.setProps({ layers });
  }, [layers]);

  return <div ref={container} className="map-canvas" />;
}
