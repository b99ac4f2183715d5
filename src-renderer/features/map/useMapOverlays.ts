import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Layer } from '@deck.gl/core';
import { core } from '../../bridge';
import { useCan } from '../../stores/session';
import { useNow } from '../../ui';
import { focusAlert, holdAlertFeed, SEVERITY_COLORS, useAlertFeed, useFreshAlertIds } from '../alerts';
import { type AlertCluster, alertPoints, clusterAlerts } from './alertClusters';
import { countBySeverity, type MapAlertFilter, matchesAlertFilter } from './alertFilter';
import { buildAlertLayers, hasFreshRings } from './alertLayers';
import { buildAssetLayers } from './assetLayers';
import { assetPoints, type AssetPoint, isWordedState } from './assetReadings';
import type { Asset } from '../../../src-shared/contract/alerts';
import { caseCapNotice } from './caseCap';
import { caseFilterHidesAll, caseListInput, type MapCaseFilter } from './caseFilter';
import { type CaseCluster, clusterCases } from './caseClusters';
import { buildCaseLayers } from './caseLayers';
import { type CasePoint, casePoints, type TimeWindow, withinWindow } from './casePoints';
import { heatCells } from './heatCells';
import { buildHeatLayer } from './heatLayer';
import { useCasePage } from './useCasePage';

export interface OverlayVisibility {
  alerts: boolean;
  assets: boolean;
  cases: boolean;
  heat: boolean;
}

const ASSET_REFRESH_MS = 15_000;
const NO_CASES: CasePoint[] = [];

/**
 * Asset readings change with every observation: fetched while the layer is on, again every 15 s. A reply the same
 * as the last keeps the same array, so the map rebuilds and draws nothing for it.
 */
function useAssets(enabled: boolean): Asset[] {
  const [assets, setAssets] = useState<Asset[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let last = '';
    const load = () =>
      void core.call('alerts.assets', {}).then((r) => {
        if (!live || !r.ok) return;
        const seen = JSON.stringify(r.value);
        if (seen === last) return;
        last = seen;
        setAssets(r.value);
      });
    load();
    const timer = setInterval(load, ASSET_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [enabled]);
  return assets;
}

/**
 * The alert, asset, case and heat layers of the map as pure functions of what the stores hold: the map page only
 * puts them under and over its own layers. The time window applies to alerts (last seen), cases and the heat map
 * (received); the alert filter to the alert layer and its legend counts; the case filter (applied by the core's
 * cases.list) to the case and heat layers.
 */
export function useMapOverlays(options: {
  zoom: number;
  visible: OverlayVisibility;
  timeWindow: TimeWindow;
  alertFilter: MapAlertFilter;
  caseFilter: MapCaseFilter;
  selectedCaseId: string | null;
  onPickCluster(cluster: AlertCluster): void;
  onPickAsset(asset: AssetPoint): void;
  onPickCase(cluster: CaseCluster): void;
}) {
  const { zoom, visible, timeWindow, alertFilter, caseFilter, selectedCaseId } = options;
  const { t, i18n } = useTranslation();
  const canReadAlerts = useCan('alerts.read');
  useEffect(() => (canReadAlerts ? holdAlertFeed() : undefined), [canReadAlerts]);
  const alerts = useAlertFeed((s) => s.alerts);
  const freshIds = useFreshAlertIds();
  const focusedId = useAlertFeed((s) => s.focusedId);
  const canReadCases = useCan('cases.read');
  const assets = useAssets(visible.assets && canReadAlerts);
  const caseQuery = useMemo(() => caseListInput(caseFilter), [caseFilter]);
  const { page: casePage, current: caseAnswerCurrent } = useCasePage(
    (visible.heat || visible.cases) && canReadCases,
    caseQuery,
  );
  // The time window moves with a minute clock. The pulse of new alerts is no tick here: the map canvas animates
  // their ring layer alone (pulseFreshRings), so the page and its 2,000 alerts are not rebuilt for it.
  const windowNow = Math.floor(useNow(60_000).getTime() / 60_000) * 60_000;
  const inWindow = useMemo(
    () => alerts.filter((a) => a.location && withinWindow(a.lastSeenAt, timeWindow, windowNow)),
    [alerts, timeWindow, windowNow],
  );
  const shownAlerts = useMemo(
    () => inWindow.filter((a) => matchesAlertFilter(a, alertFilter)),
    [inWindow, alertFilter],
  );
  const points = useMemo(
    () => alertPoints(shownAlerts, (a) => a.state === 'active' && freshIds.has(a.id)),
    [shownAlerts, freshIds],
  );
  const severityCounts = useMemo(() => countBySeverity(shownAlerts), [shownAlerts]);
  const reports = useMemo(
    () => casePoints(casePage.items, timeWindow, windowNow),
    [casePage.items, timeWindow, windowNow],
  );
  const capNotice = useMemo(() => caseCapNotice(casePage, timeWindow, windowNow), [casePage, timeWindow, windowNow]);
  const clusters = useMemo(() => clusterAlerts(points, zoom), [points, zoom]);
  const caseClusters = useMemo(() => clusterCases(reports, zoom), [reports, zoom]);
  const { onPickCluster, onPickAsset, onPickCase } = options;
  const shownAssets = useMemo(() => {
    const words = (state: string) => (isWordedState(state) ? t(`map.assetState.${state}`) : null);
    return visible.assets ? assetPoints(assets, i18n.language, words) : [];
  }, [visible.assets, assets, i18n.language, t]);
  const shownCases = visible.cases && canReadCases ? reports : NO_CASES;

  const beneath = useMemo(() => {
    const layers: Layer[] = [];
    if (visible.heat && canReadCases)
      layers.push(
        buildHeatLayer(
          heatCells(
            reports.map((r) => r.position),
            zoom,
          ),
        ),
      );
    if (visible.assets) layers.push(...buildAssetLayers(shownAssets, zoom, onPickAsset));
    if (visible.cases && canReadCases) layers.push(...buildCaseLayers(caseClusters, selectedCaseId, onPickCase));
    return layers;
  }, [
    visible.heat,
    visible.assets,
    visible.cases,
    canReadCases,
    reports,
    caseClusters,
    shownAssets,
    zoom,
    onPickAsset,
    onPickCase,
    selectedCaseId,
  ]);

  const above = useMemo(
    () =>
      visible.alerts && canReadAlerts
        ? buildAlertLayers({
            clusters,
            colors: SEVERITY_COLORS,
            selectedId: focusedId,
            onPick: (cluster) => {
              if (cluster.count === 1) focusAlert(cluster.alertIds[0] ?? null);
              onPickCluster(cluster);
            },
          })
        : [],
    [visible.alerts, canReadAlerts, clusters, focusedId, onPickCluster],
  );

  const searchable = useMemo(() => ({ cases: shownCases, assets: shownAssets }), [shownCases, shownAssets]);

  return {
    beneath,
    above,
    /** What the map's search finds besides places and cameras: the cases and assets drawn now. */
    searchable,
    /** New alerts are drawn: their rings should pulse. */
    pulsing: visible.alerts && canReadAlerts && hasFreshRings(clusters),
    alertPoints: points.length,
    alertClusters: visible.alerts && canReadAlerts ? clusters.length : 0,
    /** Alerts the time window holds that the filter hides all of: the panel says so and offers "show all". */
    alertsAllFiltered: visible.alerts && canReadAlerts && shownAlerts.length === 0 && inWindow.length > 0,
    severityCounts,
    assetCount: assets.length,
    casePoints: visible.cases && canReadCases ? reports.length : 0,
    caseClusters: visible.cases && canReadCases ? caseClusters.length : 0,
    caseCapNotice: (visible.cases || visible.heat) && canReadCases ? capNotice : null,
    /** The case filter leaves no case to draw in this time window: the panel says so and offers to clear it. */
    casesAllFiltered:
      visible.cases && canReadCases && caseFilterHidesAll(caseFilter, caseAnswerCurrent, reports.length),
  };
}
