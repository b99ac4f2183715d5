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

/** The states of street lights (FIWARE Streetlight.status) and access points the map words (map.assetState). */
export const WORDED_STATES = ['defectiveLamp', 'brokenLantern', 'columnIssue', 'up', 'down'] as const;
export type WordedState = (typeof WORDED_STATES)[number];
export const isWordedState = (state: string): state is WordedState =>
  (WORDED_STATES as readonly string[]).includes(state);

/** A feed's state word (FIWARE `defectiveLamp`, `down`…) in the operator's language; null when it has none. */
export type StateWords = (state: string) => string | null;

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The reading shown next to an asset, from its latest observed values; a state the feed reports is worded by
 * `words`, and shown as the feed sent it only when there is no wording for it.
 */
export function assetReading(asset: Asset, language: string, words: StateWords = () => null): string | null {
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
      return typeof o.status === 'string' && o.status !== 'ok' ? (words(o.status) ?? o.status) : null;
    case 'wifi_ap':
      return typeof o.apState === 'string' ? (words(o.apState) ?? o.apState) : null;
    default:
      return null;
  }
}

export function assetPoints(assets: readonly Asset[], language: string, words?: StateWords): AssetPoint[] {
  return assets.flatMap((a) =>
    a.location
      ? [
          {
            id: a.id,
            name: a.name,
            kind: a.kind,
            position: a.location.coordinates,
            reading: assetReading(a, language, words),
          },
        ]
      : [],
  );
}
