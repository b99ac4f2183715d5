import * as maplibregl from 'maplibre-gl';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { loadBasemap } from './loadBasemap';
import { maxBoundsOf, MIN_ZOOM } from './mapBounds';
import { registerPmtiles } from './maplibreSetup';
import { basemapCredit, miniMapStart } from './miniMapStart';
import { hasWebGl } from './useBasemap';
import './mini-map.css';

export interface MiniMapProps {
  lat: number;
  long: number;
  /** Accessible name of the map. */
  label: string;
  /** Shown instead of the map when it cannot be drawn (no WebGL, basemap missing). */
  fallback: (reason: 'webgl' | 'error', message: string) => ReactNode;
}

/**
 * A small map of one place with a marker, on the basemap the Map page draws (the configured one, else the offline
 * one; a style URL that cannot be loaded falls back to the offline one as there): no deck.gl, no labels, loaded on
 * demand.
 */
export function MiniMap({ lat, long, label, fallback }: MiniMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const webgl = useMemo(hasWebGl, []);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [credit, setCredit] = useState<string | null>(null);

  useEffect(() => {
    if (!webgl || !container.current) return;
    const element = container.current;
    let map: maplibregl.Map | null = null;
    let live = true;
    const fail = (e: unknown) => live && setError(e instanceof Error ? e.message : String(e));
    loadBasemap().then((basemap) => {
      if (!live) return;
      registerPmtiles();
      const start = miniMapStart(basemap, [long, lat]);
      try {
        map = new maplibregl.Map({
          container: element,
          style: start.style,
          center: start.center,
          zoom: start.zoom,
          minZoom: start.minZoom,
          ...(start.maxBounds ? { maxBounds: start.maxBounds } : {}),
          maxZoom: 17,
          // MapLibre's control opens over a map this small: a known credit is a line under it instead.
          attributionControl: start.credit === null ? { compact: true } : false,
          dragRotate: false,
          scrollZoom: false,
        });
      } catch (e) {
        return fail(e);
      }
      setCredit(start.credit);
      const shown = map;
      new maplibregl.Marker({ color: '#e5484d' }).setLngLat([long, lat]).addTo(shown);
      shown.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      let loaded = false;
      let styleLoaded = false;
      let fellBack = false;
      shown.on('style.load', () => {
        styleLoaded = true;
      });
      shown.on('error', (event) => {
        // After the first frame a missing tile is not worth hiding the map for.
        if (!live || loaded) return;
        const { fallback: offline } = basemap;
        if (styleLoaded || fellBack || offline === null) return setError(event.error.message);
        // The configured style never loaded: the offline basemap instead, as the Map page does.
        fellBack = true;
        shown.setStyle(offline.style);
        shown.setMinZoom(MIN_ZOOM);
        shown.setMaxBounds(maxBoundsOf(offline.view));
        setCredit(basemapCredit(offline.style));
      });
      shown.once('load', () => {
        loaded = true;
        if (live) setReady(true);
      });
    }, fail);
    return () => {
      live = false;
      map?.remove();
    };
  }, [webgl, lat, long]);

  if (!webgl) return <>{fallback('webgl', '')}</>;
  if (error) return <>{fallback('error', error)}</>;
  return (
    <figure className="mini-map">
      <div
        ref={container}
        className="mini-map__canvas"
        role="img"
        aria-label={label}
        data-testid="mini-map"
        data-state={ready ? 'ready' : 'loading'}
      />
      {credit ? <figcaption className="mini-map__credit">{credit}</figcaption> : null}
    </figure>
  );
}
