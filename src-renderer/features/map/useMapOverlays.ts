import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Layer } from '@deck.gl/core';
import { core } from '../../bridge';
import { useCan } from '../../stores/session';
import { useNow } from '../../ui';
import { FRESH_MS, focusAlert, holdAlertFeed, isFresh, SEVERITY_COLORS, useAlertFeed } from '../alerts';
import { type AlertCluster, alertPoints, clusterAlerts } from './alertClusters';
import { buildAlertLayers } from './alertLayers';
import { buildAssetLayers } from './assetLayers';
import { assetPoints, type AssetPoint } from './assetReadings';
import type { Asset } from '../../../src-shared/contract/alerts';
import { heatCells } from './heatCells';
import { buildHeatLayer } from './heatLayer';

export interface OverlayVisibility {
  alerts: boolean;
  assets: boolean;
  heat: boolean;
}

const ASSET_REFRESH_MS = 15_000;

/** Asset readings change with every observation: fetched while the layer is on, again every 15 s. */
function useAssets(enabled: boolean): Asset[] {
  const [assets, setAssets] = useState<Asset[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const load = () =>
      void core.call('alerts.assets', {}).then((r) => {
        if (live && r.ok) setAssets(r.value);
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

/** Where citizens' reports are (cases with coordinates), for the heat map; only for roles that read cases. */
function useReportPoints(enabled: boolean): [number, number][] {
  const [points, setPoints] = useState<[number, number][]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void core.call('cases.list', { limit: 1000 }).then((r) => {
      if (!live || !r.ok) return;
      setPoints(
        r.value.items.flatMap((c) => (c.lat !== null && c.long !== null ? [[c.long, c.lat] as [number, number]] : [])),
      );
    });
    return () => {
      live = false;
    };
  }, [enabled]);
  return points;
}

/**
 * The alert, asset and heat layers of the map as pure functions of what the stores hold: the map page only puts
 * them under and over its own layers.
 */
export function useMapOverlays(options: {
  zoom: number;
  visible: OverlayVisibility;
  onPickCluster(cluster: AlertCluster): void;
  onPickAsset(asset: AssetPoint): void;
}) {
  const { zoom, visible } = options;
  const { i18n } = useTranslation();
  const canReadAlerts = useCan('alerts.read');
  useEffect(() => (canReadAlerts ? holdAlertFeed() : undefined), [canReadAlerts]);
  const alerts = useAlertFeed((s) => s.alerts);
  const seenAt = useAlertFeed((s) => s.seenAt);
  const focusedId = useAlertFeed((s) => s.focusedId);
  const canReadCases = useCan('cases.read');
  const assets = useAssets(visible.assets && canReadAlerts);
  const reports = useReportPoints(visible.heat && canReadCases);
  // Ticks fast only while something is new enough to pulse; otherwise once a minute expires freshness.
  const anyFresh = [...seenAt.values()].some((at) => Date.now() - at < FRESH_MS);
  const nowMs = useNow(anyFresh ? 600 : 60_000).getTime();

  const points = useMemo(() => alertPoints(alerts, (a) => isFresh(a, seenAt, nowMs)), [alerts, seenAt, nowMs]);
  const clusters = useMemo(() => clusterAlerts(points, zoom), [points, zoom]);
  const pulse = Math.floor(nowMs / 600) % 2 === 0;
  const { onPickCluster, onPickAsset } = options;

  const beneath = useMemo(() => {
    const layers: Layer[] = [];
    if (visible.heat) layers.push(buildHeatLayer(heatCells(reports, zoom)));
    if (visible.assets) layers.push(...buildAssetLayers(assetPoints(assets, i18n.language), zoom, onPickAsset));
    return layers;
  }, [visible.heat, visible.assets, reports, assets, zoom, i18n.language, onPickAsset]);

  const above = useMemo(
    () =>
      visible.alerts && canReadAlerts
        ? buildAlertLayers({
            clusters,
            colors: SEVERITY_COLORS,
            selectedId: focusedId,
            pulse: points.some((p) => p.fresh) && pulse,
            onPick: (cluster) => {
              if (cluster.count === 1) focusAlert(cluster.alertIds[0] ?? null);
              onPickCluster(cluster);
            },
          })
        : [],
    [visible.alerts, canReadAlerts, clusters, focusedId, points, pulse, onPickCluster],
  );

  return { beneath, above, alertPoints: points.length, assetCount: assets.length, reportCount: reports.length };
}
