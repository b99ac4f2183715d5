import { create } from 'zustand';
import type { Alert, AlertLink } from '../../../src-shared/contract/alerts';
import { core, type ClientError } from '../../bridge';
import { type AlertChange, mergeAlertChanges, reuseUnchanged } from './alertChanges';
import { playCriticalTone } from './sound';

export interface AlertFeedState {
  status: 'loading' | 'ready' | 'failed';
  alerts: Alert[];
  link: AlertLink | null;
  error: ClientError | null;
  /** When this window first saw each alert raised or worsened (to draw new ones to the eye). */
  seenAt: ReadonlyMap<string, number>;
  muted: boolean;
  /** How many chimes played (tests read it; nothing else does). */
  chimes: number;
  /** The alert picked in the list or on the map. */
  focusedId: string | null;
}

export const useAlertFeed = create<AlertFeedState>(() => ({
  status: 'loading',
  alerts: [],
  link: null,
  error: null,
  seenAt: new Map(),
  muted: false,
  chimes: 0,
  focusedId: null,
}));

const LIST_LIMIT = 2000;

async function load(): Promise<void> {
  const result = await core.call('alerts.list', { filter: { state: 'all', limit: LIST_LIMIT } });
  if (result.ok) {
    const { alerts, link } = result.value;
    useAlertFeed.setState((s) => ({ status: 'ready', alerts: reuseUnchanged(s.alerts, alerts), link, error: null }));
  } else useAlertFeed.setState({ status: 'failed', error: result.error });
}

const pending: AlertChange[] = [];
let flushHandles: { frame: number; timer: ReturnType<typeof setTimeout> } | null = null;
/** A hidden window draws no frames: the timer applies its events all the same. */
const HIDDEN_FLUSH_MS = 100;

function flushChanges(): void {
  if (flushHandles) {
    cancelAnimationFrame(flushHandles.frame);
    clearTimeout(flushHandles.timer);
    flushHandles = null;
  }
  if (pending.length === 0) return;
  const changes = pending.splice(0);
  useAlertFeed.setState((s) => {
    const merged = mergeAlertChanges(s.alerts, s.seenAt, changes, Date.now(), s.muted);
    if (merged.chimes > 0) playCriticalTone();
    return { alerts: merged.alerts, seenAt: merged.seenAt, chimes: s.chimes + merged.chimes };
  });
}

/**
 * Events are applied once per animation frame: a burst of them (a flood across many sensors) costs one pass over
 * the list and one render of every view holding it, not one each.
 */
function onChanged(change: AlertChange): void {
  pending.push(change);
  if (flushHandles) return;
  flushHandles = { frame: requestAnimationFrame(flushChanges), timer: setTimeout(flushChanges, HIDDEN_FLUSH_MS) };
}

let users = 0;
let unbind: (() => void) | null = null;

/**
 * Keeps the alert list current while any view needs it: loaded once, then `alert.changed` events; reloaded when
 * the socket comes back (events missed meanwhile are not replayed). Returns the function that lets go.
 */
export function holdAlertFeed(): () => void {
  if (users++ === 0) {
    void load();
    const offChanged = core.onEvent('alert.changed', ({ kind, alert }) => onChanged({ kind, alert }));
    let wasConnected = core.connection().state === 'connected';
    const offConnection = core.onConnection((snapshot) => {
      const connected = snapshot.state === 'connected';
      if (connected && !wasConnected) void load();
      wasConnected = connected;
    });
    // The link state (connected to the central server or not) is not an event: look again now and then.
    const timer = setInterval(() => void load(), 30_000);
    unbind = () => {
      offChanged();
      pending.length = 0;
      flushChanges();
      offConnection();
      clearInterval(timer);
    };
  }
  return () => {
    if (--users === 0) {
      unbind?.();
      unbind = null;
    }
  };
}

export function setMuted(muted: boolean): void {
  useAlertFeed.setState({ muted });
}

/** Applies an alert an action returned (the event will say the same; this is just sooner). */
export function applyAlert(alert: Alert): void {
  // Events that came before this answer are older than it: applied first, they cannot undo it.
  flushChanges();
  useAlertFeed.setState((s) => ({ alerts: [alert, ...s.alerts.filter((a) => a.id !== alert.id)] }));
}

/** Loads the list and its link again: an acknowledgement may now be waiting for the central server. */
export function reloadAlertFeed(): void {
  void load();
}

/** Picks an alert (list or map); null lets go. */
export function focusAlert(id: string | null): void {
  useAlertFeed.setState({ focusedId: id });
}
