import type { Layer } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import * as maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui';
import type { BasemapView, MapBasemap } from './basemapChoice';
import { maxBoundsOf, MIN_ZOOM } from './mapBounds';
import { registerPmtiles } from './maplibreSetup';

export interface MapHandle {
  flyTo(position: [number, number], zoom?: number): void;
  zoomBy(delta: number): void;
  resetView(): void;
}

/** Some layers redrawn on a beat without React: `frame` returns what to draw at each beat from the layers given. */
export interface LayerAnimation {
  periodMs: number;
  frame(layers: readonly Layer[], beat: number): Layer[];
}

interface MapCanvasProps {
  basemap: MapBasemap;
  layers: Layer[];
  /** Null: the layers are drawn as given. */
  animation?: LayerAnimation | null;
  onReady(handle: MapHandle): void;
  onError(message: string): void;
  onZoom(zoom: number): void;
}

/** Where the map starts on a view: its center and zoom, or its bounds fitted. */
function cameraOf(view: BasemapView | null): Partial<maplibregl.MapOptions> {
  if (view === null) return { minZoom: 0 };
  const start = view.zoom === null ? { bounds: view.bounds } : { center: view.center, zoom: view.zoom };
  return { ...start, minZoom: MIN_ZOOM, maxBounds: maxBoundsOf(view) };
}

/**
 * MapLibre draws the basemap; deck.gl overlays the data layers on top (overlaid mode, maplibre-gl 6). A configured
 * style URL that cannot be loaded is replaced by the offline basemap, and the map says so.
 */
export function MapCanvas({ basemap, layers, animation = null, onReady, onError, onZoom }: MapCanvasProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const callbacks = useRef({ onReady, onError, onZoom });
  callbacks.current = { onReady, onError, onZoom };
  const [styleFailure, setStyleFailure] = useState<{ url: string; message: string } | null>(null);

  useEffect(() => {
    if (!container.current) return;
    registerPmtiles();
    setStyleFailure(null);
    let view = basemap.view;
    let styleLoaded = false;
    let fellBack = false;
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container: container.current,
        style: basemap.style,
        ...cameraOf(view),
        maxZoom: 17,
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
    map.on('style.load', () => {
      styleLoaded = true;
    });
    map.on('error', (event) => {
      const { fallback, style } = basemap;
      if (styleLoaded || fellBack || fallback === null || typeof style !== 'string')
        return callbacks.current.onError(event.error.message);
      // The configured style never loaded: the offline basemap instead, held to its area.
      fellBack = true;
      view = fallback.view;
      setStyleFailure({ url: style, message: event.error.message });
      map.setStyle(fallback.style);
      map.setMinZoom(MIN_ZOOM);
      map.setMaxBounds(maxBoundsOf(view));
      map.jumpTo({ center: view.center, zoom: view.zoom ?? MIN_ZOOM });
    });
    map.on('zoomend', () => callbacks.current.onZoom(map.getZoom()));
    map.once('load', () => {
      const home = { center: map.getCenter(), zoom: map.getZoom() };
      callbacks.current.onZoom(map.getZoom());
      callbacks.current.onReady({
        flyTo: (position, zoom = 14) => map.flyTo({ center: position, zoom, essential: true }),
        zoomBy: (delta) => map.zoomTo(map.getZoom() + delta),
        resetView: () => (view ? map.fitBounds(view.bounds, { padding: 24 }) : map.jumpTo(home)),
      });
    });
    return () => {
      overlay.current = null;
      map.remove();
    };
  }, [basemap]);

  useEffect(() => {
    const deck = overlay.current;
    if (!deck) return;
    deck.setProps({ layers });
    if (!animation) return;
    let beat = 0;
    const timer = setInterval(() => deck.setProps({ layers: animation.frame(layers, ++beat) }), animation.periodMs);
    return () => clearInterval(timer);
  }, [layers, animation]);

  return (
    <>
      <div ref={container} className="map-canvas" />
      {styleFailure ? (
        <div className="map-stage__notice">
          <Notice tone="error" testId="map-style-error">
            {t('map.styleFailed', styleFailure)}
          </Notice>
        </div>
      ) : null}
    </>
  );
}
