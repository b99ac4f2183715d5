import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import type { Alert } from '../../../src-shared/contract/alerts';
import { useCommand } from '../../bridge';
import { useCan } from '../../stores/session';
import { Notice, Page } from '../../ui';
import { AlertsPanel } from '../alerts';
import type { AlertCluster } from './alertClusters';
import { PULSE_MS, pulseFreshRings } from './alertLayers';
import type { AssetPoint } from './assetReadings';
import { CameraCard } from './CameraCard';
import { CaseFocusCard } from './CaseFocusCard';
import type { CaseCluster } from './caseClusters';
import { CaseCapNotice } from './CaseCapNotice';
import { cameraCones, cameraPoints } from './cameraFeatures';
import { buildDeckLayers } from './deckLayers';
import { buildFocusLayers } from './focusLayers';
import { expansionZoom } from './gridClusters';
import { LayerPanel, type ToggleLayer } from './LayerPanel';
import { type LayerAnimation, MapCanvas, type MapHandle } from './MapCanvas';
import { MapSearch } from './MapSearch';
import { searchMap } from './mapSearch';
import { mapFocusHash } from './mapFocus';
import { useMapFocus } from './useMapFocus';
import { useCaseFacets } from './useCaseFacets';
import { useMapPrefs } from './useMapPrefs';
import type { MapLabel } from './labels';
import { useMapOverlays } from './useMapOverlays';
import { hasWebGl, useBasemap } from './useBasemap';
import './map.css';

const NO_CAMERAS: Camera[] = [];
const NO_LABELS: MapLabel[] = [];
/** Layers a role without the permission is not offered: alerts and assets need alerts.read, cases cases.read. */
function withheldLayers(canReadAlerts: boolean, canReadCases: boolean): ToggleLayer[] {
  return [
    ...(canReadAlerts ? [] : (['alerts', 'assets'] as const)),
    ...(canReadCases ? [] : (['cases', 'heat'] as const)),
  ];
}
/** How close "show on map" brings a case: streets and house rows readable. */
const FOCUS_ZOOM = 16;
const PULSE: LayerAnimation = { periodMs: PULSE_MS, frame: pulseFreshRings };

export function MapPage() {
  const { t } = useTranslation();
  const canReadAlerts = useCan('alerts.read');
  const canReadCases = useCan('cases.read');
  const withheld = useMemo(() => withheldLayers(canReadAlerts, canReadCases), [canReadAlerts, canReadCases]);
  const basemap = useBasemap();
  const cameraList = useCommand('cameras.list', {});
  const sites = useCommand('sites.list', {});
  const [handle, setHandle] = useState<MapHandle | null>(null);
  const [mapError, setMapError] = useState<string | null>(null);
  const [zoom, setZoom] = useState(9);
  const [prefs, updatePrefs] = useMapPrefs();
  const { visible, timeWindow, alertFilter, caseFilter } = prefs;
  const caseFacets = useCaseFacets(canReadCases);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const focus = useMapFocus();
  useEffect(() => {
    if (handle && focus) handle.flyTo([focus.lon, focus.lat], FOCUS_ZOOM);
  }, [handle, focus]);
  const overlays = useMapOverlays({
    zoom,
    visible,
    timeWindow,
    alertFilter,
    caseFilter,
    selectedCaseId: focus?.caseId ?? null,
    onPickCase: useCallback(
      (c: CaseCluster) => {
        const p = c.single;
        if (p) location.hash = mapFocusHash({ lat: p.position[1], lon: p.position[0], caseId: p.id, code: p.code });
        else handle?.flyTo(c.position, expansionZoom(c.positions, zoom));
      },
      [handle, zoom],
    ),
    onPickCluster: useCallback(
      (c: AlertCluster) =>
        handle?.flyTo(c.position, c.count > 1 ? expansionZoom(c.positions, zoom) : Math.max(zoom, 15)),
      [handle, zoom],
    ),
    onPickAsset: useCallback((a: AssetPoint) => handle?.flyTo(a.position, Math.max(zoom, 15)), [handle, zoom]),
  });

  // Stable, so the memoised alerts panel does not redraw with the map's zoom or handle.
  const view = useRef({ handle, zoom });
  view.current = { handle, zoom };
  const flyToAlert = useCallback((a: Alert) => {
    const { handle: map, zoom: now } = view.current;
    if (a.location) map?.flyTo(a.location.coordinates, Math.max(now, 15));
  }, []);

  const cameras =
    cameraList.state.status === 'done' && cameraList.state.result.ok ? cameraList.state.result.value : NO_CAMERAS;
  const points = useMemo(() => cameraPoints(cameras), [cameras]);
  const cones = useMemo(() => cameraCones(cameras), [cameras]);
  const labels = basemap.status === 'ready' ? basemap.labels : NO_LABELS;
  const focusLayers = useMemo(() => buildFocusLayers(focus), [focus]);
  const layers = useMemo(
    () =>
      buildDeckLayers({
        zoom,
        labels,
        cameras: points,
        cones,
        visible,
        selectedCameraId: selectedId,
        onSelectCamera: setSelectedId,
        beneath: overlays.beneath,
        above: [...overlays.above, ...focusLayers],
      }),
    [zoom, labels, points, cones, visible, selectedId, overlays.beneath, overlays.above, focusLayers],
  );
  const searchable = overlays.searchable;
  const search = useCallback((q: string) => searchMap(q, labels, cameras, searchable), [labels, cameras, searchable]);
  const selected = cameras.find((c) => c.id === selectedId) ?? null;
  const siteName = (id: string | null) =>
    (sites.state.status === 'done' &&
      sites.state.result.ok &&
      sites.state.result.value.find((s) => s.id === id)?.name) ||
    null;

  let cameraNote: string;
  if (cameraList.state.status === 'loading') cameraNote = '…';
  else if (!cameraList.state.result.ok)
    cameraNote = t('map.camerasUnavailable', { message: t(`errors.${cameraList.state.result.error.code}`) });
  else if (points.length === 0) cameraNote = t('map.noCameraLocations');
  else cameraNote = t('map.cameraCount', { count: points.length });

  const webgl = useMemo(hasWebGl, []);
  const state = !webgl || mapError || basemap.status === 'error' ? 'error' : handle ? 'ready' : 'loading';

  return (
    <Page name="map" title={t('map.title')}>
      <div
        className="map-page"
        data-testid="map"
        data-state={state}
        data-place-labels={labels.length}
        data-camera-points={points.length}
        data-alert-points={overlays.alertPoints}
        data-asset-points={overlays.assetCount}
        data-alert-clusters={overlays.alertClusters}
        data-case-points={overlays.casePoints}
        data-case-clusters={overlays.caseClusters}
        data-zoom={Math.round(zoom)}
        data-focus={focus ? `${focus.lat},${focus.lon}` : undefined}
      >
        <div className="map-stage">
          {!webgl ? <Notice tone="error">{t('map.webglMissing')}</Notice> : null}
          {basemap.status === 'error' || mapError ? (
            <Notice tone="error" testId="map-error">
              {t('map.loadFailed', { message: basemap.status === 'error' ? basemap.message : mapError })}
            </Notice>
          ) : null}
          {basemap.status === 'loading' ? <p className="muted map-stage__loading">{t('map.loading')}</p> : null}
          {webgl && basemap.status === 'ready' ? (
            <MapCanvas
              basemap={basemap.basemap}
              layers={layers}
              animation={overlays.pulsing ? PULSE : null}
              onReady={setHandle}
              onError={setMapError}
              onZoom={setZoom}
            />
          ) : null}
          <div className="map-tools">
            <MapSearch
              search={search}
              onPick={(hit) => {
                // A case opens as "show on map" does: its marker and card; the hash change flies there.
                if (hit.kind === 'case') {
                  const [lon, lat] = hit.position;
                  setSelectedId(null);
                  location.hash = mapFocusHash({
                    lat,
                    lon,
                    caseId: hit.id.slice('case:'.length),
                    code: hit.code ?? null,
                  });
                  return;
                }
                handle?.flyTo(hit.position, hit.kind === 'place' ? 13 : 16);
                if (hit.kind === 'camera') setSelectedId(hit.id);
              }}
            />
            <div className="map-zoom">
              <button
                type="button"
                className="button"
                onClick={() => handle?.zoomBy(1)}
                aria-label={t('map.zoomIn')}
                title={t('map.zoomIn')}
              >
                +
              </button>
              <button
                type="button"
                className="button"
                onClick={() => handle?.zoomBy(-1)}
                aria-label={t('map.zoomOut')}
                title={t('map.zoomOut')}
              >
                −
              </button>
              <button type="button" className="button" onClick={() => handle?.resetView()} title={t('map.resetView')}>
                ⤢
              </button>
            </div>
          </div>
          {selected ? (
            <CameraCard camera={selected} siteName={siteName(selected.siteId)} onClose={() => setSelectedId(null)} />
          ) : focus ? (
            <CaseFocusCard focus={focus} onClose={() => (location.hash = '#/map')} />
          ) : null}
          {overlays.caseCapNotice ? <CaseCapNotice notice={overlays.caseCapNotice} /> : null}
        </div>
        <LayerPanel
          visible={visible}
          onToggle={(layer: ToggleLayer) =>
            updatePrefs((p) => ({ ...p, visible: { ...p.visible, [layer]: !p.visible[layer] } }))
          }
          timeWindow={timeWindow}
          onTimeWindow={(w) => updatePrefs((p) => ({ ...p, timeWindow: w }))}
          alertFilter={alertFilter}
          onAlertFilter={(f) => updatePrefs((p) => ({ ...p, alertFilter: f }))}
          alertsAllFiltered={overlays.alertsAllFiltered}
          severityCounts={overlays.severityCounts}
          caseFilter={caseFilter}
          onCaseFilter={(f) => updatePrefs((p) => ({ ...p, caseFilter: f }))}
          caseFacets={caseFacets}
          casesAllFiltered={overlays.casesAllFiltered}
          cameraNote={cameraNote}
          withheld={withheld}
        >
          {canReadAlerts ? <AlertsPanel cameras={cameras} onFocus={flyToAlert} /> : null}
        </LayerPanel>
      </div>
    </Page>
  );
}
