import type { TFunction } from 'i18next';
import type { Alert, AlertEventKind } from '../../../src-shared/contract/alerts';
import type { AlertSeverity } from '../../../src-shared/domain/alerts/model';

export type Rgba = [number, number, number, number];

/** Severity colours, shared by the list and the map so one alert looks the same in both. */
export const SEVERITY_COLORS: Record<AlertSeverity, Rgba> = {
  critical: [255, 77, 79, 255],
  major: [255, 145, 48, 255],
  minor: [240, 196, 41, 255],
  warning: [110, 180, 255, 255],
  info: [139, 148, 158, 255],
};

export const cssColor = (severity: AlertSeverity) => `rgb(${SEVERITY_COLORS[severity].slice(0, 3).join(',')})`;

/** i18n key of an alert type (`flood.level` → `alerts.type.flood_level`); rules-as-data may add types first. */
export const typeKey = (type: string) => `alerts.type.${type.replace(/[^A-Za-z0-9_]/g, '_')}`;

/**
 * What the list says an alert is: its type in the operator's language (the server's Vietnamese title when the type
 * is new), followed by what it is about when its feed names it ("Camera phát hiện chuyển động: Cầu Sa Đéc").
 */
export function alertHeading(alert: Pick<Alert, 'type' | 'title' | 'subject'>, t: TFunction): string {
  const type = t(typeKey(alert.type), { defaultValue: alert.title });
  const subject = alert.subject?.trim();
  return subject && type !== alert.title ? t('alerts.withSubject', { type, subject }) : type;
}

const UNIT_LABELS: Record<string, string> = {
  MTR: 'm',
  CMT: 'cm',
  C62: '',
  P1: '%',
  CEL: '°C',
  M1: 'mg/L',
  DAY: '',
  C26: 'ms',
};

/** "1,72 m" / "92 %" in Vietnamese number style; fractions (C62) read as percentages. */
/** Intl formatters are costly to build and the panel formats two numbers per row: one per locale and precision. */
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, digits: number): Intl.NumberFormat {
  const key = `${locale}/${digits}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
  return format;
}

export function formatValue(value: Alert['value'], unit: string | null, language: string): string {
  if (value === null) return '';
  if (typeof value !== 'number') return String(value);
  const locale = language === 'vi' ? 'vi-VN' : 'en-GB';
  if (unit === 'C62') return `${numberFormat(locale, 0).format(value * 100)} %`;
  const text = numberFormat(locale, 2).format(value);
  const label = unit === null ? '' : (UNIT_LABELS[unit] ?? unit);
  return label ? `${text} ${label}` : text;
}

/** Only a critical alert that is new (or newly critical) and not inside a maintenance window sounds. */
export function shouldSound(kind: AlertEventKind, alert: Alert): boolean {
  return (
    (kind === 'raised' || kind === 'worsened') &&
    alert.severity === 'critical' &&
    alert.state === 'active' &&
    !alert.acknowledged &&
    !alert.ackPending &&
    !alert.suppressed
  );
}

/** How long a new alert is drawn to the eye (pulsing on the map, highlighted in the list). */
export const FRESH_MS = 90_000;

export function isFresh(alert: Alert, seenAt: ReadonlyMap<string, number>, nowMs: number): boolean {
  const at = seenAt.get(alert.id);
  return alert.state === 'active' && at !== undefined && nowMs - at < FRESH_MS;
}

export interface FreshAlerts {
  /** Ids of the alerts seen raised or worsened less than FRESH_MS ago (whatever their state now). */
  ids: ReadonlySet<string>;
  /** When the first of them stops being fresh; null when none is. */
  until: number | null;
}

/** Which alerts are fresh at `nowMs`, and until when that answer holds: views redraw then, not on a clock. */
export function freshAlerts(seenAt: ReadonlyMap<string, number>, nowMs: number): FreshAlerts {
  const ids = new Set<string>();
  let until: number | null = null;
  for (const [id, at] of seenAt) {
    if (nowMs - at >= FRESH_MS) continue;
    ids.add(id);
    until = Math.min(until ?? Infinity, at + FRESH_MS);
  }
  return { ids, until };
}

/** Keyboard in the list: ↑/↓ move, Home/End jump; the index stays inside the list. */
export function moveSelection(index: number, key: string, length: number): number {
  if (length === 0) return -1;
  if (key === 'ArrowDown') return Math.min(length - 1, index + 1);
  if (key === 'ArrowUp') return Math.max(0, index - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return length - 1;
  return Math.max(0, Math.min(index, length - 1));
}

/** Someone has taken the alert: acknowledged on the server, or here and waiting to be confirmed. */
export const isTaken = (alert: Alert): boolean => alert.acknowledged || alert.ackPending === true;

/** i18n key and values of why the server refused an acknowledgement made here (its own words as a fallback). */
export function ackConflictReason(
  conflict: NonNullable<Alert['ackConflict']>,
  t: (key: string, options: { defaultValue: string }) => string,
): string {
  const key = `sync.rejection.${conflict.code}`;
  const text = t(key, { defaultValue: '' });
  return text === '' || text === key ? conflict.message : text;
}
