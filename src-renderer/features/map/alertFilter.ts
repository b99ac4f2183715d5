import type { Alert } from '../../../src-shared/contract/alerts';
import {
  ALERT_DOMAINS,
  ALERT_SEVERITIES,
  ALERT_STATES,
  type AlertDomain,
  type AlertSeverity,
  type AlertState,
} from '../../../src-shared/domain/alerts/model';

export const ACK_STATES = ['unacknowledged', 'acknowledged'] as const;
export type AckState = (typeof ACK_STATES)[number];

/** Which alerts the map draws and counts: each facet lists the values kept (all of them: no narrowing). */
export interface MapAlertFilter {
  severities: AlertSeverity[];
  domains: AlertDomain[];
  states: AlertState[];
  ack: AckState[];
}

/** What the map showed before it had filters: every severity and domain, active alerts, handled or not. */
export const DEFAULT_ALERT_FILTER: MapAlertFilter = {
  severities: [...ALERT_SEVERITIES],
  domains: [...ALERT_DOMAINS],
  states: ['active'],
  ack: [...ACK_STATES],
};

/** Every alert the feed holds: what "show all" sets. */
export const SHOW_ALL_ALERTS: MapAlertFilter = { ...DEFAULT_ALERT_FILTER, states: [...ALERT_STATES] };

/** Acknowledged here and waiting for the server counts as acknowledged, as the map draws it. */
const ackState = (a: Alert): AckState => (a.acknowledged || a.ackPending === true ? 'acknowledged' : 'unacknowledged');

export function matchesAlertFilter(alert: Alert, filter: MapAlertFilter): boolean {
  return (
    filter.severities.includes(alert.severity) &&
    filter.domains.includes(alert.domain) &&
    filter.states.includes(alert.state) &&
    filter.ack.includes(ackState(alert))
  );
}

/** Flips one value of one facet, keeping the facet in its canonical order. */
export function toggleFacet<K extends keyof MapAlertFilter>(
  filter: MapAlertFilter,
  facet: K,
  value: MapAlertFilter[K][number],
): MapAlertFilter {
  const all = FACET_VALUES[facet] as readonly MapAlertFilter[K][number][];
  const current = filter[facet] as MapAlertFilter[K][number][];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...filter, [facet]: all.filter((v) => next.includes(v)) };
}

export const FACET_VALUES = {
  severities: ALERT_SEVERITIES,
  domains: ALERT_DOMAINS,
  states: ALERT_STATES,
  ack: ACK_STATES,
} as const satisfies { [K in keyof MapAlertFilter]: readonly MapAlertFilter[K][number][] };

/** Facets set differently from the default (the filter's summary says the map is narrowed). */
export function changedFacets(filter: MapAlertFilter): (keyof MapAlertFilter)[] {
  return (Object.keys(FACET_VALUES) as (keyof MapAlertFilter)[]).filter(
    (facet) => filter[facet].join() !== DEFAULT_ALERT_FILTER[facet].join(),
  );
}

/**
 * A filter read back from storage: unknown values dropped (a severity or domain renamed since), a missing or
 * malformed facet back to its default, so an old or hand-edited entry never breaks the map.
 */
export function parseAlertFilter(value: unknown): MapAlertFilter {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const facet = <K extends keyof MapAlertFilter>(key: K): MapAlertFilter[K] => {
    const raw = record[key];
    const all = FACET_VALUES[key] as readonly string[];
    if (!Array.isArray(raw)) return [...DEFAULT_ALERT_FILTER[key]] as MapAlertFilter[K];
    return all.filter((v) => raw.includes(v)) as MapAlertFilter[K];
  };
  return { severities: facet('severities'), domains: facet('domains'), states: facet('states'), ack: facet('ack') };
}

/** Shown alerts per severity, for the legend: a filtered-out severity counts 0. */
export function countBySeverity(alerts: readonly { severity: AlertSeverity }[]): Record<AlertSeverity, number> {
  const counts = Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, 0])) as Record<AlertSeverity, number>;
  for (const a of alerts) counts[a.severity] += 1;
  return counts;
}
