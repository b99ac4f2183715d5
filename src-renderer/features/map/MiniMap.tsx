import * as maplibregl from 'maplibre-gl';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { core } from '../../bridge';
import { BASEMAP_ATTRIBUTION, BASEMAP_BOUNDS, buildBasemapStyle } from './basemapStyle';
import { registerPmtiles } from './maplibreSetup';
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

/** A small map of one place on the offline basemap, with a marker: no deck.gl, no labels, loaded on demand. */
export function MiniMap({ lat, long, label, fallback }: MiniMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const webgl = useMemo(hasWebGl, []);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (!webgl || !container.current) return;
    const element = container.current;
    let map: maplibregl.Map | null = null;
    let live = true;
    void core.resourceUrl('/basemap/dongthap.pmtiles').then((pmtilesUrl) => {
      if (!live) return;
      registerPmtiles();
      try {
        map = new maplibregl.Map({
          container: element,
          style: buildBasemapStyle(pmtilesUrl),
          center: [long, lat],
          zoom: 12,
          minZoom: 7,
          maxZoom: 17,
          maxBounds: [
            [BASEMAP_BOUNDS[0][0] - 0.5, BASEMAP_BOUNDS[0][1] - 0.5],
            [BASEMAP_BOUNDS[1][0] + 0.5, BASEMAP_BOUNDS[1][1] + 0.5],
          ],
          // MapLibre's control opens over a map this small: the same credit is a line under it instead.
          attributionControl: false,
          dragRotate: false,
          scrollZoom: false,
        });
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
        return;
      }
      new maplibregl.Marker({ color: '#e5484d' }).setLngLat([long, lat]).addTo(map);
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      let loaded = false;
      // After the first frame a missing tile is not worth hiding the map for.
      map.on('error', (event) => live && !loaded && setError(event.error.message));
      map.once('load', () => {
        loaded = true;
        if (live) setReady(true);
      });
    });
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
      <figcaption className="mini-map__credit">{BASEMAP_ATTRIBUTION}</figcaption>
    </figure>
  );
}
