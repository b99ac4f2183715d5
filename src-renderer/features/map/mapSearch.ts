import type { Camera } from '../../../src-shared/contract';
import { foldForSearch } from '../../../src-shared/i18n';
import type { MapLabel } from './labels';

export interface SearchHit {
  kind: 'place' | 'camera';
  id: string;
  label: string;
  position: [number, number];
}

/** Places and cameras whose name contains the query, diacritics ignored; places by importance first. */
export function searchMap(
  query: string,
  places: readonly MapLabel[],
  cameras: readonly Camera[],
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
  return [...placeHits, ...cameraHits].slice(0, limit);
}
