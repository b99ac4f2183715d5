import { type MapAlertFilter, DEFAULT_ALERT_FILTER, parseAlertFilter } from './alertFilter';
import { DEFAULT_CASE_FILTER, type MapCaseFilter, parseCaseFilter } from './caseFilter';
import { TIME_WINDOWS, type TimeWindow } from './casePoints';

export const TOGGLE_LAYERS = ['places', 'cameras', 'fieldOfView', 'alerts', 'cases', 'assets', 'heat'] as const;
export type ToggleLayer = (typeof TOGGLE_LAYERS)[number];

/** What an operator set on the map's layer panel, kept per user on this workstation. */
export interface MapPrefs {
  visible: Record<ToggleLayer, boolean>;
  timeWindow: TimeWindow;
  alertFilter: MapAlertFilter;
  caseFilter: MapCaseFilter;
}

export const DEFAULT_MAP_PREFS: MapPrefs = {
  visible: { places: true, cameras: true, fieldOfView: true, alerts: true, cases: true, assets: true, heat: false },
  timeWindow: 'all',
  alertFilter: DEFAULT_ALERT_FILTER,
  caseFilter: DEFAULT_CASE_FILTER,
};

/** One entry per user: two operators sharing a workstation each find the map as they left it. */
export const mapPrefsKey = (userId: string) => `ioc.map.${userId}`;

/** Stored preferences, each part falling back to its default when missing or unreadable. */
export function parseMapPrefs(raw: string | null): MapPrefs {
  let value: unknown = null;
  try {
    value = raw === null ? null : JSON.parse(raw);
  } catch {
    value = null;
  }
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const visible = typeof record.visible === 'object' && record.visible !== null ? record.visible : {};
  return {
    visible: Object.fromEntries(
      TOGGLE_LAYERS.map((layer) => {
        const stored = (visible as Record<string, unknown>)[layer];
        return [layer, typeof stored === 'boolean' ? stored : DEFAULT_MAP_PREFS.visible[layer]];
      }),
    ) as Record<ToggleLayer, boolean>,
    timeWindow: TIME_WINDOWS.find((w) => w === record.timeWindow) ?? DEFAULT_MAP_PREFS.timeWindow,
    alertFilter: 'alertFilter' in record ? parseAlertFilter(record.alertFilter) : DEFAULT_ALERT_FILTER,
    caseFilter: parseCaseFilter(record.caseFilter),
  };
}
