import { PMTiles } from 'pmtiles';
import { BASEMAP_CHOICE_PATH, type BasemapChoice, OFFLINE_PMTILES_PATH } from '../../../src-shared/basemap';
import { core } from '../../bridge';
import { type MapBasemap, offlineBasemap, pmtilesBasemap, styleBasemap } from './basemapChoice';

export async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${new URL(url).pathname}: HTTP ${res.status}`);
  return res.json();
}

/**
 * The basemap the core was configured with (`--basemap`, `--basemap-style`), else the offline one: the Map page
 * and the case mini-map draw the same.
 */
export async function loadBasemap(): Promise<MapBasemap> {
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
