import type { MonitorStatus } from '../../src-shared/contract/alerts';
import type { AlertSignal } from '../../src-shared/domain/alerts/model';
import type { CheckResult } from './checks';
import type { Monitor } from './monitors';

export interface MonitorState {
  status: MonitorStatus;
  failures: number;
}

export const PROBE_SOURCE = 'probe';
const DAY_MS = 86_400_000;

/**
 * Uptime Kuma's heartbeat states: a failed check is PENDING until `downAfter` failures in a row make it DOWN
 * (the flapping guard); one success is UP; inside a maintenance window everything is MAINTENANCE.
 */
export function nextState(prev: MonitorState, ok: boolean, downAfter: number, inMaintenance: boolean): MonitorState {
  if (inMaintenance) return { status: 'maintenance', failures: 0 };
  if (ok) return { status: 'up', failures: 0 };
  const failures = prev.failures + 1;
  return { status: failures >= downAfter || prev.status === 'down' ? 'down' : 'pending', failures };
}

/**
 * Alert signals of one check: the system is down, its certificate is near expiry, it is slow. A PENDING or
 * MAINTENANCE result says nothing about "down" (no signal: the alert keeps its state).
 */
export function probeSignals(m: Monitor, state: MonitorState, result: CheckResult, at: Date): AlertSignal[] {
  const base = {
    source: PROBE_SOURCE,
    entityId: m.id,
    domain: 'gov_systems' as const,
    observedAt: at.toISOString(),
    location: null,
  };
  const signals: AlertSignal[] = [];
  if (state.status === 'up' || state.status === 'down') {
    signals.push({
      ...base,
      type: 'svc.down',
      severity: 'critical',
      active: state.status === 'down',
      value: result.message ?? (result.httpStatus !== null ? `HTTP ${result.httpStatus}` : null),
      threshold: null,
      unit: null,
      title: `${m.name}: không truy cập được`,
    });
  }
  if (m.kind === 'http' && result.certExpiresAt !== null && state.status !== 'maintenance') {
    const daysLeft = Math.floor((Date.parse(result.certExpiresAt) - at.getTime()) / DAY_MS);
    const severity = daysLeft <= 0 ? 'critical' : daysLeft <= m.certMajorDays ? 'major' : 'warning';
    signals.push({
      ...base,
      type: 'svc.cert_expiring',
      severity,
      active: daysLeft <= m.certWarnDays,
      value: daysLeft,
      threshold: m.certWarnDays,
      unit: 'DAY',
      title: `${m.name}: chứng chỉ TLS sắp hết hạn`,
    });
  }
  if (
    m.kind === 'http' &&
    m.slowMs !== undefined &&
    result.ok &&
    result.ms !== null &&
    state.status !== 'maintenance'
  ) {
    signals.push({
      ...base,
      type: 'svc.slow',
      severity: 'warning',
      active: result.ms > m.slowMs,
      value: Math.round(result.ms),
      threshold: m.slowMs,
      unit: 'C26',
      title: `${m.name}: phản hồi chậm`,
    });
  }
  return signals;
}

export interface StatusCounts {
  up: number;
  down: number;
  pending: number;
  maintenance: number;
}

/** Uptime % over a window, maintenance excluded (it does not count against the SLA); null with no checks. */
export function uptimePercent(c: StatusCounts): number | null {
  const counted = c.up + c.pending + c.down;
  if (counted === 0) return null;
  // PENDING is a failure not yet confirmed: like Uptime Kuma, only DOWN counts as downtime.
  return Math.round(((c.up + c.pending) / counted) * 10_000) / 100;
}
