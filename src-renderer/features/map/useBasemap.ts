import { useEffect, useState } from 'react';
import { core } from '../../bridge';
import type { MapBasemap } from './basemapChoice';
import { loadLabelFont } from './fonts';
import { labelsFromGeoJson, type MapLabel } from './labels';
import { fetchJson, loadBasemap } from './loadBasemap';

export type BasemapState =
  | { status: 'loading' }
  | { status: 'ready'; basemap: MapBasemap; labels: MapLabel[] }
  | { status: 'error'; message: string };

/**
 * Which basemap to draw, its label points, and the label font — everything the first frame needs. The label
 * points name places of the offline basemap's area, so a configured basemap draws its own labels, or none.
 */
export function useBasemap(): BasemapState {
  const [state, setState] = useState<BasemapState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    (async () => {
      const [basemap] = await Promise.all([loadBasemap(), loadLabelFont()]);
      if (!basemap.offlineLabels) return { basemap, labels: [] };
      const [placesUrl, waterUrl] = await Promise.all(
        ['/basemap/places.geojson', '/basemap/water.geojson'].map((p) => core.resourceUrl(p)),
      );
      const [places, water] = await Promise.all([fetchJson(placesUrl!), fetchJson(waterUrl!)]);
      return { basemap, labels: [...labelsFromGeoJson(places), ...labelsFromGeoJson(water)] };
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
