import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre 6 loads its worker from a file of its own; the bundler must ship it and tell MapLibre where it is.
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { Protocol } from 'pmtiles';

let pmtilesRegistered = false;

/** MapLibre's worker and the pmtiles:// protocol, set up once for every map of the app (the Map page, mini-maps). */
export function registerPmtiles(): void {
  if (pmtilesRegistered) return;
  maplibregl.setWorkerUrl(maplibreWorkerUrl);
  maplibregl.addProtocol('pmtiles', new Protocol().tile);
  pmtilesRegistered = true;
}
