import { type AlertCondition, type AlertSignal, severityRank } from './model';

/**
 * What one signal did to the alert of its key:
 * - raised: a new alert (none was active);
 * - worsened: still active, severity went up (acknowledgement is reset: the operator must look again), or its
 *   maintenance window ended (it sounds and pops up now as a new one would; an acknowledgement given stays);
 * - updated: still active, something an operator sees changed (severity down, value, title, location, a
 *   maintenance window began);
 * - repeated: still active, only the counter and last-seen moved;
 * - cleared: the condition recovered or expired;
 * - none: nothing to do (a "fine" signal for a key with no active alert, or a stale, reordered message).
 */
export type AlertChange = 'raised' | 'worsened' | 'updated' | 'repeated' | 'cleared' | 'none';

export interface SignalOutcome {
  change: AlertChange;
  /** The condition after the signal; for `raised`, a fresh one (the old cleared alert stays as history). */
  next: AlertCondition | null;
}

export interface SignalContext {
  /**
   * The key's source is inside a maintenance window now. Suppression follows the window (DESIGN research:
   * `suppressed_until`): an active alert is suppressed while a window covers it, not for its whole life.
   */
  suppressed: boolean;
}

function fresh(signal: AlertSignal, ctx: SignalContext): AlertCondition {
  return {
    state: 'active',
    severity: signal.severity,
    acknowledged: false,
    count: 1,
    firstSeenAt: signal.observedAt,
    lastSeenAt: signal.observedAt,
    clearedAt: null,
    clearReason: null,
    value: signal.value,
    threshold: signal.threshold,
    unit: signal.unit,
    title: signal.title,
    location: signal.location,
    suppressed: ctx.suppressed,
    expiresAt: signal.expiresAt ?? null,
  };
}

const sameLocation = (a: AlertCondition['location'], b: AlertCondition['location']) =>
  a === b ||
  (a !== null && b !== null && a.coordinates[0] === b.coordinates[0] && a.coordinates[1] === b.coordinates[1]);

/**
 * The dedupe step (ThingsBoard: "an alarm is unique per originator and type"; Cumulocity: repeats increment
 * `count`). `current` is the key's active alert, or null. Pure: same inputs, same outcome.
 */
export function applySignal(current: AlertCondition | null, signal: AlertSignal, ctx: SignalContext): SignalOutcome {
  if (current === null || current.state === 'cleared') {
    if (!signal.active) return { change: 'none', next: current };
    // A message older than the clear it follows (MQTT does not order across publishers) must not re-raise.
    if (current?.clearedAt && signal.observedAt < current.clearedAt) return { change: 'none', next: current };
    return { change: 'raised', next: fresh(signal, ctx) };
  }
  if (signal.observedAt < current.lastSeenAt) return { change: 'none', next: current };
  if (!signal.active) {
    return {
      change: 'cleared',
      next: {
        ...current,
        state: 'cleared',
        clearedAt: signal.observedAt,
        clearReason: 'auto',
        value: signal.value,
        lastSeenAt: signal.observedAt,
      },
    };
  }
  const worse = severityRank(signal.severity) > severityRank(current.severity);
  const unsuppressed = current.suppressed && !ctx.suppressed;
  const next: AlertCondition = {
    ...current,
    severity: signal.severity,
    acknowledged: worse ? false : current.acknowledged,
    count: current.count + 1,
    lastSeenAt: signal.observedAt,
    value: signal.value,
    threshold: signal.threshold,
    unit: signal.unit,
    title: signal.title,
    location: signal.location ?? current.location,
    expiresAt: signal.expiresAt ?? current.expiresAt,
    suppressed: ctx.suppressed,
  };
  if (worse || unsuppressed) return { change: 'worsened', next };
  const visible =
    next.severity !== current.severity ||
    next.value !== current.value ||
    next.threshold !== current.threshold ||
    next.title !== current.title ||
    next.suppressed !== current.suppressed ||
    !sameLocation(next.location, current.location);
  return { change: visible ? 'updated' : 'repeated', next };
}

/**
 * An active alert suppressed by a maintenance window that no longer covers it, unsuppressed (`worsened`: the
 * operator hears and sees it now); null when there is nothing to lift. For alerts no new signal would lift (a
 * FIWARE Alert, a camera's tamper state).
 */
export function liftSuppression(current: AlertCondition, stillCovered: boolean): AlertCondition | null {
  if (current.state !== 'active' || !current.suppressed || stillCovered) return null;
  return { ...current, suppressed: false };
}

/** Clears an active alert whose validity ended (FIWARE Alert `validTo`); null when it has not expired. */
export function expire(current: AlertCondition, now: string): AlertCondition | null {
  if (current.state !== 'active' || current.expiresAt === null || current.expiresAt > now) return null;
  return { ...current, state: 'cleared', clearedAt: current.expiresAt, clearReason: 'expired' };
}
