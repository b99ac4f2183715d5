import { useEffect, useState } from 'react';
import { core } from '../../bridge';
import { loadLabelFont } from './fonts';
import { labelsFromGeoJson, type MapLabel } from './labels';

export type BasemapState =
  | { status: 'loading' }
  | { status: 'ready'; pmtilesUrl: string; labels: MapLabel[] }
  | { status: 'error'; message: string };

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${new URL(url).pathname}: HTTP ${res.status}`);
  return res.json();
}

/** Where the offline basemap is, its label points, and the label font — everything the first frame needs. */
export function useBasemap(): BasemapState {
  const [state, setState] = useState<BasemapState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    (async () => {
      const [pmtilesUrl, placesUrl, waterUrl] = await Promise.all(
        ['/basemap/dongthap.pmtiles', '/basemap/places.geojson', '/basemap/water.geojson'].map((p) =>
          core.resourceUrl(p),
        ),
      );
      const [places, water] = await Promise.all([fetchJson(placesUrl!), fetchJson(waterUrl!), loadLabelFont()]);
      return { pmtilesUrl: pmtilesUrl!, labels: [...labelsFromGeoJson(places), ...labelsFromGeoJson(water)] };
    })().then(
      (value) => live && setState({ status: 'ready', ...value }),
      (error: unknown) =>
        live && setState({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

export function hasWebGl(): boolean {
  try {
    return Boolean(
      document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl'),
    );
  } catch {
    return false;
  }
}
