import { lazy } from 'react';

/** MapLibre and deck.gl weigh ~1.5 MB: loaded when the map is first opened, not at start-up. */
export const MapPage = lazy(() => import('./MapPage').then((m) => ({ default: m.MapPage })));

/** A small map of one place with a marker (case detail); MapLibre only, loaded when first shown. */
export const MiniMap = lazy(() => import('./MiniMap').then((m) => ({ default: m.MiniMap })));
export type { MiniMapProps } from './MiniMap';

/** `#/map?lat=…` links that open the Map page on a case (light: no map code). */
export { mapFocusHash, type MapFocus } from './mapFocus';
