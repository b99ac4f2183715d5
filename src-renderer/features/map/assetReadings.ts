import type { Asset } from '../../../src-shared/contract/alerts';
import type { AssetKind } from '../../../src-shared/domain/alerts/model';

export type Rgba = [number, number, number, number];

export const ASSET_COLORS: Record<AssetKind, Rgba> = {
  water_station: [64, 160, 255, 255],
  flood_gauge: [40, 200, 220, 255],
  waste_container: [150, 190, 80, 255],
  streetlight: [255, 220, 120, 255],
  wifi_ap: [190, 140, 255, 255],
  sensor: [160, 170, 180, 255],
};

export interface AssetPoint {
  id: string;
  name: string;
  kind: AssetKind;
  position: [number, number];
  /** What the map writes beside it: a gauge's level, a container's fill, a lamp's or access point's state. */
  reading: string | null;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The reading shown next to an asset, from its latest observed values. */
export function assetReading(asset: Asset, language: string): string | null {
  const o = asset.observed;
  const fmt = (n: number, digits: number) =>
    new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(n);
  switch (asset.kind) {
    case 'flood_gauge': {
      const level = num(o.currentLevel);
      return level === null ? null : `${fmt(level, 2)} m`;
    }
    case 'waste_container': {
      const fill = num(o.fillingLevel);
      return fill === null ? null : `${fmt(fill * 100, 0)} %`;
    }
    case 'water_station': {
      const ph = num(o.pH);
      return ph === null ? null : `pH ${fmt(ph, 1)}`;
    }
    case 'streetlight':
      return typeof o.status === 'string' && o.status !== 'ok' ? o.status : null;
    case 'wifi_ap':
      return typeof o.apState === 'string' ? o.apState : null;
    default:
      return null;
  }
}

export function assetPoints(assets: readonly Asset[], language: string): AssetPoint[] {
  return assets.flatMap((a) =>
    a.location
      ? [{ id: a.id, name: a.name, kind: a.kind, position: a.location.coordinates, reading: assetReading(a, language) }]
      : [],
  );
}
