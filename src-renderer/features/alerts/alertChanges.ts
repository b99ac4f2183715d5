import type { Alert, AlertEventKind } from '../../../src-shared/contract/alerts';
import { FRESH_MS, shouldSound } from './alertView';

export interface AlertChange {
  kind: AlertEventKind;
  alert: Alert;
}

export interface MergedChanges {
  alerts: Alert[];
  seenAt: ReadonlyMap<string, number>;
  /** How many of the changes would chime (critical, new or worse, not muted). */
  chimes: number;
}

/**
 * The list after a batch of `alert.changed` events, oldest first, as if each had been applied alone: the newest
 * version of each alert at the front, newest change first. One pass over the list however many events the batch
 * holds. `seenAt` keeps only what is still fresh at `nowMs`, so it does not grow with every alert ever seen.
 */
export function mergeAlertChanges(
  alerts: readonly Alert[],
  seenAt: ReadonlyMap<string, number>,
  changes: readonly AlertChange[],
  nowMs: number,
  muted: boolean,
): MergedChanges {
  const front: Alert[] = [];
  const changed = new Set<string>();
  for (let i = changes.length - 1; i >= 0; i--) {
    const { alert } = changes[i]!;
    if (changed.has(alert.id)) continue;
    changed.add(alert.id);
    front.push(alert);
  }
  const raised = changes.filter((c) => c.kind === 'raised' || c.kind === 'worsened');
  let nextSeen = seenAt;
  if (raised.length > 0) {
    const kept = new Map<string, number>();
    for (const [id, at] of seenAt) if (nowMs - at < FRESH_MS) kept.set(id, at);
    for (const c of raised) kept.set(c.alert.id, nowMs);
    nextSeen = kept;
  }
  return {
    alerts: [...front, ...alerts.filter((a) => !changed.has(a.id))],
    seenAt: nextSeen,
    chimes: muted ? 0 : changes.filter((c) => shouldSound(c.kind, c.alert)).length,
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null
    ? JSON.stringify(a) === JSON.stringify(b)
    : false;
}

function sameAlert(a: Alert, b: Alert): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Alert>;
  for (const key of keys) if (!sameValue(a[key], b[key])) return false;
  return true;
}

/**
 * A reloaded list (every 30 s, and when the link comes back) with the alerts that did not change kept as the objects
 * already held, and the list itself kept when nothing changed: views redraw only what changed, not 2,000 rows.
 */
export function reuseUnchanged(held: readonly Alert[], loaded: Alert[]): Alert[] {
  const byId = new Map(held.map((a) => [a.id, a]));
  let changed = loaded.length !== held.length;
  const merged = loaded.map((alert, i) => {
    const old = byId.get(alert.id);
    if (old && sameAlert(old, alert)) {
      if (held[i] !== old) changed = true;
      return old;
    }
    changed = true;
    return alert;
  });
  return changed ? merged : (held as Alert[]);
}
