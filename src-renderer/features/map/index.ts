import { lazy } from 'react';

/** MapLibre and deck.gl weigh ~1.5 MB: loaded when the map is first opened, not at start-up. */
export const MapPage = lazy(() => import('./MapPage').then((m) => ({ default: m.MapPage })));
