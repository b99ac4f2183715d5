import type { Camera } from '../../../src-shared/contract';
import { foldForSearch } from '../../../src-shared/i18n';
import type { AssetPoint } from './assetReadings';
import type { CasePoint } from './casePoints';
import type { MapLabel } from './labels';

export interface SearchHit {
  kind: 'place' | 'camera' | 'case' | 'asset';
  id: string;
  label: string;
  position: [number, number];
  /** A case's tracking code (opens its marker and card). */
  code?: string;
}

/** What else the map can be searched for besides places and cameras: what its layers currently draw. */
export interface SearchExtras {
  /** Citizens' cases on the map, found by their tracking code (DT-…). */
  cases?: readonly CasePoint[];
  /** Utility assets on the map, found by name or register code. */
  assets?: readonly AssetPoint[];
}

/** The register code of an asset: the last part of an NGSI-LD URN (`urn:ngsi-ld:WasteContainer:cl-cho-01`). */
const assetCode = (id: string) => id.slice(id.lastIndexOf(':') + 1);

/**
 * Places, cameras, cases and assets matching the query, diacritics ignored: places by importance first, then
 * cameras by name, cases by tracking code (an exact code first), assets by name or code.
 */
export function searchMap(
  query: string,
  places: readonly MapLabel[],
  cameras: readonly Camera[],
  extras: SearchExtras = {},
  limit = 8,
): SearchHit[] {
  const q = foldForSearch(query);
  if (q === '') return [];
  const placeHits = places
    .filter((p) => p.kind !== 'water' && foldForSearch(p.text).includes(q))
    .sort((a, b) => a.rank - b.rank)
    .map((p): SearchHit => ({ kind: 'place', id: `place:${p.text}`, label: p.text, position: p.position }));
  const cameraHits = cameras.flatMap((c): SearchHit[] =>
    c.location && foldForSearch(`${c.name} ${c.host}`).includes(q)
      ? [{ kind: 'camera', id: c.id, label: c.name, position: [c.location.lon, c.location.lat] }]
      : [],
  );
  const caseHits = (extras.cases ?? [])
    .filter((c) => foldForSearch(c.code).includes(q))
    .sort((a, b) => Number(foldForSearch(b.code) === q) - Number(foldForSearch(a.code) === q))
    .map((c): SearchHit => ({ kind: 'case', id: `case:${c.id}`, label: c.code, position: c.position, code: c.code }));
  const assetHits = (extras.assets ?? []).flatMap((a): SearchHit[] =>
    foldForSearch(`${a.name} ${assetCode(a.id)}`).includes(q)
      ? [{ kind: 'asset', id: `asset:${a.id}`, label: `${a.name} · ${assetCode(a.id)}`, position: a.position }]
      : [],
  );
  return [...placeHits, ...cameraHits, ...caseHits, ...assetHits].slice(0, limit);
}
