import type { Layer } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import * as maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui';
import type { BasemapView, MapBasemap } from './basemapChoice';
import { createDeckFrames, type DeckFrames, legacyMapLoop } from './deckFrames';
import { maxBoundsOf, MIN_ZOOM } from './mapBounds';
import { registerPmtiles } from './maplibreSetup';

export interface MapHandle {
  flyTo(position: [number, number], zoom?: number): void;
  zoomBy(delta: number): void;
  resetView(): void;
}

/** Some layers redrawn on a beat without React: `frame` returns what to draw at each beat from the layers given. */
export interface LayerAnimation {
  periodMs: number;
  frame(layers: readonly Layer[], beat: number): Layer[];
}

/** The map's deck.gl overlay and what draws its frames (null: deck.gl's own loop, the bench's legacy arm). */
interface Stage {
  overlay: MapboxOverlay;
  frames: DeckFrames | null;
}

/**
 * One timer for the whole life of the map, running only while something pulses. A beat waits while the layers are
 * changing (the last change less than two periods ago): a stream of alerts draws its own frames, and a pulse frame
 * between them would only delay the next row on screen (each deck.gl frame is tens of milliseconds of SwiftShader
 * on a workstation without GPU; measured with the alerts-ingest bench). The rings, drawn with every change, pulse
 * again once the stream calms.
 */
interface Pulse {
  timer: ReturnType<typeof setInterval> | null;
  periodMs: number;
  beat: number;
  changedAt: number;
}

/** The layers as drawn at this beat (as given when nothing pulses), and one deck.gl frame for them. */
function show(stage: Stage | null, layers: Layer[], animation: LayerAnimation | null, beat: number): void {
  if (!stage) return;
  stage.overlay.setProps({ layers: animation ? animation.frame(layers, beat) : layers });
  stage.frames?.request();
}

interface MapCanvasProps {
  basemap: MapBasemap;
  layers: Layer[];
  /** Null: the layers are drawn as given. */
  animation?: LayerAnimation | null;
  onReady(handle: MapHandle): void;
  onError(message: string): void;
  onZoom(zoom: number): void;
}

/** Where the map starts on a view: its center and zoom, or its bounds fitted. */
function cameraOf(view: BasemapView | null): Partial<maplibregl.MapOptions> {
  if (view === null) return { minZoom: 0 };
  const start = view.zoom === null ? { bounds: view.bounds } : { center: view.center, zoom: view.zoom };
  return { ...start, minZoom: MIN_ZOOM, maxBounds: maxBoundsOf(view) };
}

/**
 * MapLibre draws the basemap; deck.gl overlays the data layers on top (overlaid mode, maplibre-gl 6). A configured
 * style URL that cannot be loaded is replaced by the offline basemap, and the map says so.
 */
export function MapCanvas({ basemap, layers, animation = null, onReady, onError, onZoom }: MapCanvasProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const stage = useRef<Stage | null>(null);
  const callbacks = useRef({ onReady, onError, onZoom });
  callbacks.current = { onReady, onError, onZoom };
  // What the pulse's timer draws at each beat: the latest layers, not those of the render that started it.
  const latest = useRef({ layers, animation });
  latest.current = { layers, animation };
  const pulse = useRef<Pulse>({ timer: null, periodMs: 0, beat: 0, changedAt: 0 });
  const [legacy] = useState(legacyMapLoop);
  const [styleFailure, setStyleFailure] = useState<{ url: string; message: string } | null>(null);

  useEffect(() => {
    if (!container.current) return;
    registerPmtiles();
    setStyleFailure(null);
    let view = basemap.view;
    let styleLoaded = false;
    let fellBack = false;
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container: container.current,
        style: basemap.style,
        ...cameraOf(view),
        maxZoom: 17,
        attributionControl: { compact: true },
        dragRotate: false,
      });
    } catch (error) {
      callbacks.current.onError(error instanceof Error ? error.message : String(error));
      return;
    }
    // Frames on demand: nothing drawn, and no animation frame asked for, while nothing changes (deckFrames.ts).
    const frames = legacy ? null : createDeckFrames(() => stage.current?.overlay ?? null);
    const deck = new MapboxOverlay({ interleaved: false, layers: [], ...frames?.props });
    stage.current = { overlay: deck, frames };
    map.addControl(deck);
    show(stage.current, latest.current.layers, latest.current.animation, pulse.current.beat);
    map.on('style.load', () => {
      styleLoaded = true;
    });
    map.on('error', (event) => {
      const { fallback, style } = basemap;
      if (styleLoaded || fellBack || fallback === null || typeof style !== 'string')
        return callbacks.current.onError(event.error.message);
      // The configured style never loaded: the offline basemap instead, held to its area.
      fellBack = true;
      view = fallback.view;
      setStyleFailure({ url: style, message: event.error.message });
      map.setStyle(fallback.style);
      map.setMinZoom(MIN_ZOOM);
      map.setMaxBounds(maxBoundsOf(view));
      map.jumpTo({ center: view.center, zoom: view.zoom ?? MIN_ZOOM });
    });
    map.on('zoomend', () => callbacks.current.onZoom(map.getZoom()));
    map.once('load', () => {
      const home = { center: map.getCenter(), zoom: map.getZoom() };
      callbacks.current.onZoom(map.getZoom());
      callbacks.current.onReady({
        flyTo: (position, zoom = 14) => map.flyTo({ center: position, zoom, essential: true }),
        zoomBy: (delta) => map.zoomTo(map.getZoom() + delta),
        resetView: () => (view ? map.fitBounds(view.bounds, { padding: 24 }) : map.jumpTo(home)),
      });
    });
    return () => {
      frames?.dispose();
      stage.current = null;
      map.remove();
    };
  }, [basemap, legacy]);

  useEffect(() => {
    if (legacy) {
      // The loop before frames on demand, kept for the idle bench's paired arm: a new timer with every layers.
      const deck = stage.current?.overlay;
      if (!deck) return;
      deck.setProps({ layers });
      if (!animation) return;
      let beat = 0;
      const timer = setInterval(() => deck.setProps({ layers: animation.frame(layers, ++beat) }), animation.periodMs);
      return () => clearInterval(timer);
    }
    const beats = pulse.current;
    beats.changedAt = performance.now();
    show(stage.current, layers, animation, beats.beat);
    if (animation && (beats.timer === null || beats.periodMs !== animation.periodMs)) {
      if (beats.timer !== null) clearInterval(beats.timer);
      beats.periodMs = animation.periodMs;
      beats.timer = setInterval(() => {
        if (performance.now() - beats.changedAt < 2 * beats.periodMs) return;
        beats.beat += 1;
        show(stage.current, latest.current.layers, latest.current.animation, beats.beat);
      }, animation.periodMs);
    } else if (!animation && beats.timer !== null) {
      // The last ring expired: no timer, no frame until something changes.
      clearInterval(beats.timer);
      beats.timer = null;
      beats.beat = 0;
    }
  }, [layers, animation, legacy]);

  useEffect(() => {
    const beats = pulse.current;
    return () => {
      if (beats.timer !== null) clearInterval(beats.timer);
      beats.timer = null;
    };
  }, []);

  return (
    <>
      <div ref={container} className="map-canvas" />
      {styleFailure ? (
        <div className="map-stage__notice">
          <Notice tone="error" testId="map-style-error">
            {t('map.styleFailed', styleFailure)}
          </Notice>
        </div>
      ) : null}
    </>
  );
}
