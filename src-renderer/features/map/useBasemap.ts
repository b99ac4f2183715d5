import { PMTiles } from 'pmtiles';
import { useEffect, useState } from 'react';
import { BASEMAP_CHOICE_PATH, type BasemapChoice, OFFLINE_PMTILES_PATH } from '../../../src-shared/basemap';
import { core } from '../../bridge';
import { type MapBasemap, offlineBasemap, pmtilesBasemap, styleBasemap } from './basemapChoice';
import { loadLabelFont } from './fonts';
import { labelsFromGeoJson, type MapLabel } from './labels';

export type BasemapState =
  | { status: 'loading' }
  | { status: 'ready'; basemap: MapBasemap; labels: MapLabel[] }
  | { status: 'error'; message: string };

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${new URL(url).pathname}: HTTP ${res.status}`);
  return res.json();
}

/** The basemap the core was configured with (`--basemap`, `--basemap-style`), else the offline one. */
async function loadBasemap(): Promise<MapBasemap> {
  const [choiceUrl, offlineUrl] = await Promise.all([
    core.resourceUrl(BASEMAP_CHOICE_PATH),
    core.resourceUrl(OFFLINE_PMTILES_PATH),
  ]);
  const choice = (await fetchJson(choiceUrl)) as BasemapChoice;
  if (choice.kind === 'style') return styleBasemap(choice.url, offlineUrl);
  if (choice.kind !== 'pmtiles') return offlineBasemap(offlineUrl);
  const url = await core.resourceUrl(choice.path);
  const file = new PMTiles(url);
  const [header, metadata] = await Promise.all([file.getHeader(), file.getMetadata().catch(() => null)]);
  return pmtilesBasemap(url, header, metadata);
}

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
