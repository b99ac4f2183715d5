import type { ObservedEntity } from './entity';
import type { AlertDomain, AlertSeverity, AlertSignal } from './model';

/** FIWARE dataModel.Alert severities → ours. */
const SEVERITY: Readonly<Record<string, AlertSeverity>> = {
  informational: 'info',
  low: 'warning',
  medium: 'minor',
  high: 'major',
  critical: 'critical',
};

/** Which desk of the centre an Alert belongs to, by its subCategory first, then its category. */
const SUBCATEGORY_DOMAIN: Readonly<Record<string, AlertDomain>> = {
  flood: 'drainage',
  floodRisk: 'drainage',
  flashFlood: 'drainage',
  tsunami: 'drainage',
  heavyRain: 'drainage',
  waterPollution: 'water',
  waterShortage: 'water',
  droughtRisk: 'water',
  wasteOverflow: 'waste',
  streetLightFailure: 'lighting',
};
const CATEGORY_DOMAIN: Readonly<Record<string, AlertDomain>> = {
  security: 'security',
  traffic: 'security',
  naturalDisaster: 'drainage',
  weather: 'drainage',
  environment: 'waste',
  health: 'security',
  agriculture: 'water',
};

export const FIWARE_ALERT_CATEGORIES = Object.keys(CATEGORY_DOMAIN);

export type FiwareAlertResult = { ok: true; signal: AlertSignal } | { ok: false; reason: string };

const text = (entity: ObservedEntity, name: string): string | null => {
  const v = Object.hasOwn(entity.attrs, name) ? entity.attrs[name]?.value : undefined;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
};

/**
 * A FIWARE `Alert` is taken as an alert directly: its originator (`alertSource`) and sub-category make the dedupe
 * key, so the same source re-announcing the same thing counts up one alert. It is active until `validTo`.
 */
export function signalFromFiwareAlert(entity: ObservedEntity, source: string): FiwareAlertResult {
  const category = text(entity, 'category');
  const alertSource = text(entity, 'alertSource');
  if (!category || !Object.hasOwn(CATEGORY_DOMAIN, category)) {
    return { ok: false, reason: `category must be one of ${FIWARE_ALERT_CATEGORIES.join(', ')}` };
  }
  if (!alertSource) return { ok: false, reason: 'alertSource is required' };
  const sub = text(entity, 'subCategory');
  const severityName = text(entity, 'severity') ?? 'medium';
  if (!Object.hasOwn(SEVERITY, severityName)) {
    return { ok: false, reason: `severity must be one of ${Object.keys(SEVERITY).join(', ')}` };
  }
  const issued = text(entity, 'dateIssued') ?? entity.observedAt;
  const validTo = text(entity, 'validTo');
  if (Number.isNaN(Date.parse(issued)) || (validTo !== null && Number.isNaN(Date.parse(validTo)))) {
    return { ok: false, reason: 'dateIssued and validTo must be ISO 8601 date-times' };
  }
  const observedAt = new Date(issued).toISOString();
  const expiresAt = validTo === null ? null : new Date(validTo).toISOString();
  const domain =
    (sub !== null && Object.hasOwn(SUBCATEGORY_DOMAIN, sub) ? SUBCATEGORY_DOMAIN[sub] : undefined) ??
    CATEGORY_DOMAIN[category]!;
  return {
    ok: true,
    signal: {
      source,
      type: `alert.${category}${sub ? `.${sub}` : ''}`.replace(/[^A-Za-z0-9_.]/g, '_').toLowerCase(),
      entityId: alertSource,
      domain,
      severity: SEVERITY[severityName]!,
      active: expiresAt === null || expiresAt > observedAt,
      value: text(entity, 'description')?.slice(0, 200) ?? null,
      threshold: null,
      unit: null,
      title: (text(entity, 'name') ?? text(entity, 'description') ?? `${category}${sub ? ` / ${sub}` : ''}`).slice(
        0,
        200,
      ),
      observedAt,
      location: entity.location,
      expiresAt,
    },
  };
}
