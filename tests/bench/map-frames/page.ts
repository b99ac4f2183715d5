/// <reference types="vite/client" />
// Bench-only page for tests/bench/map-frames.bench.ts: the app's basemap with 100,000 alert points drawn either by
// deck.gl (overlaid, as the map page does) or by MapLibre's own circle layer, panned one step per animation frame.
import { ScatterplotLayer } from '@deck.gl/layers';
import { MapboxOverlay } from '@deck.gl/mapbox';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { Protocol } from 'pmtiles';
import { BASEMAP_CENTER, buildBasemapStyle } from '../../../src-renderer/features/map/basemapStyle';

/** `deck-empty`: the deck.gl overlay with no points, to tell its own cost (a second WebGL canvas) from the points'. */
export type Arm = 'deck' | 'deck-empty' | 'maplibre';

export interface ArmResult {
  arm: Arm;
  /** Milliseconds between consecutive animation frames while panning. */
  frames: number[];
  /** From adding the points to the first idle map with them drawn. */
  setupMs: number;
}

interface BenchPoint {
  position: [number, number];
  severity: number;
}

const SEVERITY_COLORS: [number, number, number, number][] = [
  [229, 57, 53, 255],
  [251, 140, 0, 255],
  [253, 216, 53, 255],
  [67, 160, 71, 255],
  [120, 144, 156, 255],
];
const hex = (c: readonly number[]) =>
  `#${c
    .slice(0, 3)
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')}`;

/** Deterministic: the same 100,000 points in every run (a small LCG), clustered around towns like real alerts. */
function makePoints(count: number): BenchPoint[] {
  let seed = 0x2545f491;
  const next = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const hubs: [number, number][] = [BASEMAP_CENTER, [105.76, 10.29], [105.36, 10.81], [105.6, 10.6]];
  return Array.from({ length: count }, () => {
    const hub = hubs[Math.floor(next() * hubs.length)]!;
    const r = 0.25 * Math.sqrt(next());
    const a = next() * 2 * Math.PI;
    return { position: [hub[0] + r * Math.cos(a), hub[1] + r * Math.sin(a)], severity: Math.floor(next() * 5) };
  });
}

maplibregl.setWorkerUrl(maplibreWorkerUrl);
maplibregl.addProtocol('pmtiles', new Protocol().tile);

const map = new maplibregl.Map({
  container: 'map',
  style: buildBasemapStyle(`${location.origin}/basemap/dongthap.pmtiles`),
  center: BASEMAP_CENTER,
  zoom: 9.3,
  attributionControl: false,
  dragRotate: false,
});
const loaded = new Promise<void>((resolve) => map.once('load', () => resolve()));
const idle = () => new Promise<void>((resolve) => map.once('idle', () => resolve()));
const points = makePoints(100_000);

/** Resolves once deck.gl has drawn the points: its attributes are built on the first render, not on add. */
function addDeck(data: readonly BenchPoint[]): { remove(): void; drawn: Promise<void> } {
  let drawn!: () => void;
  const drawnOnce = new Promise<void>((resolve) => (drawn = resolve));
  const overlay = new MapboxOverlay({
    interleaved: false,
    onAfterRender: () => drawn(),
    layers: [
      new ScatterplotLayer<BenchPoint>({
        id: 'alerts',
        data,
        getPosition: (d) => d.position,
        getRadius: 4,
        radiusUnits: 'pixels',
        getFillColor: (d) => SEVERITY_COLORS[d.severity]!,
        stroked: true,
        getLineColor: [10, 14, 20, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
      }),
    ],
  });
  map.addControl(overlay);
  return { remove: () => map.removeControl(overlay), drawn: drawnOnce };
}

function addMaplibre(): { remove(): void; drawn: Promise<void> } {
  map.addSource('bench-alerts', {
    type: 'geojson',
    data: {
      type: 'FeatureCollection',
      features: points.map((p) => ({
        type: 'Feature',
        properties: { severity: p.severity },
        geometry: { type: 'Point', coordinates: p.position },
      })),
    },
  });
  map.addLayer({
    id: 'bench-alerts',
    type: 'circle',
    source: 'bench-alerts',
    paint: {
      'circle-radius': 4,
      'circle-color': [
        'match',
        ['get', 'severity'],
        0,
        hex(SEVERITY_COLORS[0]!),
        1,
        hex(SEVERITY_COLORS[1]!),
        2,
        hex(SEVERITY_COLORS[2]!),
        3,
        hex(SEVERITY_COLORS[3]!),
        hex(SEVERITY_COLORS[4]!),
      ],
      'circle-stroke-color': '#0a0e14',
      'circle-stroke-width': 1,
    },
  });
  const remove = () => {
    map.removeLayer('bench-alerts');
    map.removeSource('bench-alerts');
  };
  return { remove, drawn: Promise.resolve() };
}

/**
 * Pans back and forth along the same path for every arm, one jump per animation frame, for `seconds` and at least
 * `minFrames` frames (SwiftShader on a busy machine may draw only a few frames a second, or fewer).
 */
async function runArm(arm: Arm, seconds: number, minFrames: number): Promise<ArmResult> {
  await loaded;
  map.jumpTo({ center: BASEMAP_CENTER, zoom: 9.3 });
  await idle();
  const t0 = performance.now();
  const added = arm === 'maplibre' ? addMaplibre() : addDeck(arm === 'deck' ? points : []);
  map.triggerRepaint();
  await Promise.all([idle(), added.drawn]);
  const setupMs = performance.now() - t0;
  const frames: number[] = [];
  await new Promise<void>((resolve) => {
    let last = 0;
    let step = 0;
    const frame = (now: number) => {
      if (last !== 0) frames.push(now - last);
      last = now;
      if (now - t0 - setupMs > seconds * 1000 && frames.length >= minFrames) return resolve();
      step++;
      const phase = (2 * Math.PI * step) / 240;
      map.jumpTo({
        center: [BASEMAP_CENTER[0] + 0.18 * Math.sin(phase), BASEMAP_CENTER[1] + 0.12 * Math.sin(2 * phase)],
      });
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  added.remove();
  return { arm, frames, setupMs };
}

Object.assign(window, { runArm });
