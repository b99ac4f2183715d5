import { z } from 'zod';

/**
 * The alert model of DESIGN.md §6 (anchors: ThingsBoard alarms, Cumulocity dedupe, FIWARE Alert): one alert per
 * dedupe key while it is active, active/cleared crossed with acknowledged, a counter of repeats, and the value
 * that tripped it next to its threshold. Domains, severities and types are names; their labels live in i18n.
 */
export const ALERT_DOMAINS = [
  'water',
  'waste',
  'drainage',
  'lighting',
  'wifi',
  'gov_systems',
  'cameras',
  'security',
] as const;
export type AlertDomain = (typeof ALERT_DOMAINS)[number];
export const AlertDomainSchema = z.enum(ALERT_DOMAINS);

/** Highest first. ≈ FIWARE critical/high/medium/low/informational, ThingsBoard CRITICAL…INDETERMINATE. */
export const ALERT_SEVERITIES = ['critical', 'major', 'minor', 'warning', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const AlertSeveritySchema = z.enum(ALERT_SEVERITIES);

/** 5 for critical … 1 for info: compare severities by rank, never by name. */
export function severityRank(severity: AlertSeverity): number {
  return ALERT_SEVERITIES.length - ALERT_SEVERITIES.indexOf(severity);
}

export const ALERT_STATES = ['active', 'cleared'] as const;
export type AlertState = (typeof ALERT_STATES)[number];
export const AlertStateSchema = z.enum(ALERT_STATES);

/** auto: the condition recovered; expired: a FIWARE Alert's validTo passed; manual: an operator cleared it. */
export const CLEAR_REASONS = ['auto', 'expired', 'manual'] as const;
export type ClearReason = (typeof CLEAR_REASONS)[number];

/** A GeoJSON Point (RFC 7946): [longitude, latitude]. */
export const GeoPointSchema = z.object({
  type: z.literal('Point'),
  coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
});
export type GeoPoint = z.infer<typeof GeoPointSchema>;

export const ObservedValueSchema = z.union([z.number(), z.string().max(200), z.boolean()]).nullable();
export type ObservedValue = z.infer<typeof ObservedValueSchema>;

/**
 * One evaluation of one condition on one entity: "this is wrong now" (active) or "this is fine now". Rules and
 * probes emit signals; the dedupe step turns them into alert changes.
 */
export interface AlertSignal {
  /** Which feed or checker saw it: `ngsi-ld`, `probe`, `camera`… */
  source: string;
  /** e.g. `flood.level`, `waste.fill`, `svc.down`. */
  type: string;
  /** The entity it is about: an NGSI-LD URN, a monitor id, a camera id. */
  entityId: string;
  domain: AlertDomain;
  severity: AlertSeverity;
  active: boolean;
  value: ObservedValue;
  threshold: ObservedValue;
  /** UN/CEFACT common code of value and threshold (MTR, P1…), or null. */
  unit: string | null;
  /** Vietnamese title from the rule's data; the UI prefers its own translation of `type`. */
  title: string;
  /** What it is about, by name (a camera's display name), shown beside the type's translation; the latest wins. */
  subject?: string | null;
  observedAt: string;
  location: GeoPoint | null;
  /** After this instant the alert clears by itself (FIWARE Alert `validTo`). */
  expiresAt?: string | null;
}

/** The part of an alert that signals change; identity, acknowledgement notes and case links are kept apart. */
export interface AlertCondition {
  state: AlertState;
  severity: AlertSeverity;
  acknowledged: boolean;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  clearedAt: string | null;
  clearReason: ClearReason | null;
  value: ObservedValue;
  threshold: ObservedValue;
  unit: string | null;
  title: string;
  location: GeoPoint | null;
  /** Raised inside a maintenance window: recorded and listed, but no sound and no pop-up. */
  suppressed: boolean;
  expiresAt: string | null;
}

/** Utility assets the map draws (the register imported from CSV/GeoJSON, kept current by NGSI-LD). */
export const ASSET_KINDS = [
  'water_station',
  'flood_gauge',
  'waste_container',
  'streetlight',
  'wifi_ap',
  'sensor',
] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
export const AssetKindSchema = z.enum(ASSET_KINDS);

/** Separator of the dedupe key's parts; escaped inside a part so two different triples never share a key. */
const SEP = '|';

/** source + type + entity: while active there is exactly one alert per key. */
export function dedupeKey(source: string, type: string, entityId: string): string {
  const part = (s: string) => s.replaceAll('%', '%25').replaceAll(SEP, '%7C');
  return [source, type, entityId].map(part).join(SEP);
}
