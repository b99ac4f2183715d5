import type { WallAlarm } from '../../../src-shared/contract/layouts';

export const MAX_ALARM_CAMERAS = 9;

export interface AlarmRaise {
  cameraIds: readonly string[];
  source: WallAlarm['sources'][number];
  revertSec: number;
  /**
   * What raised it, when that can end before the revert time (`alert:<id>`: the alert is acknowledged or clears).
   * Without one, only the revert time or a person closes the pop-up.
   */
  reasonKey?: string;
}

export interface AlarmBoard {
  current(displayId: string): WallAlarm | null;
  /**
   * Opens the pop-up of a display, or adds to the open one: its cameras join (first come first shown, at most
   * nine) and the revert time moves out, so a burst of events is one pop-up rather than a flicker of them.
   */
  raise(displayId: string, raise: AlarmRaise): WallAlarm;
  /** Closes the pop-up if `alarmId` is still the open one. */
  acknowledge(displayId: string, alarmId: string): boolean;
  /**
   * The reason is over: pop-ups open for it alone close at once (and say so); a pop-up that something else raised
   * too stays until its revert time. Returns the displays whose pop-up closed.
   */
  withdraw(reasonKey: string): string[];
  dispose(): void;
}

/** Alarm pop-ups live in memory: after a restart of the core nothing is left popped up with no reason shown. */
export function createAlarmBoard(options: {
  now: () => Date;
  newId: () => string;
  /** The pop-up of a display opened, grew, reverted or was acknowledged. */
  onChange: (displayId: string) => void;
}): AlarmBoard {
  const alarms = new Map<
    string,
    { alarm: WallAlarm; timer: NodeJS.Timeout; reasonKeys: ReadonlySet<string>; anyUnkeyed: boolean }
  >();

  function close(displayId: string): void {
    const open = alarms.get(displayId);
    if (!open) return;
    clearTimeout(open.timer);
    alarms.delete(displayId);
  }

  function schedule(displayId: string, alarm: WallAlarm): NodeJS.Timeout {
    const delay = Math.max(0, Date.parse(alarm.revertAt) - options.now().getTime());
    return setTimeout(() => {
      if (alarms.get(displayId)?.alarm.id !== alarm.id) return;
      alarms.delete(displayId);
      options.onChange(displayId);
    }, delay);
  }

  return {
    current: (displayId) => alarms.get(displayId)?.alarm ?? null,
    raise(displayId, raise) {
      const now = options.now();
      const revertAt = new Date(now.getTime() + raise.revertSec * 1000).toISOString();
      const open = alarms.get(displayId);
      const cameraIds = [...new Set([...(open?.alarm.cameraIds ?? []), ...raise.cameraIds])].slice(
        0,
        MAX_ALARM_CAMERAS,
      );
      const alarm: WallAlarm = open
        ? {
            ...open.alarm,
            cameraIds,
            sources: [...open.alarm.sources, raise.source].slice(-20),
            revertAt: revertAt > open.alarm.revertAt ? revertAt : open.alarm.revertAt,
          }
        : { id: options.newId(), cameraIds, sources: [raise.source], raisedAt: now.toISOString(), revertAt };
      const reasonKeys = new Set(open?.reasonKeys ?? []);
      if (raise.reasonKey !== undefined) reasonKeys.add(raise.reasonKey);
      const anyUnkeyed = (open?.anyUnkeyed ?? false) || raise.reasonKey === undefined;
      close(displayId);
      alarms.set(displayId, { alarm, timer: schedule(displayId, alarm), reasonKeys, anyUnkeyed });
      options.onChange(displayId);
      return alarm;
    },
    acknowledge(displayId, alarmId) {
      if (alarms.get(displayId)?.alarm.id !== alarmId) return false;
      close(displayId);
      options.onChange(displayId);
      return true;
    },
    withdraw(reasonKey) {
      const closed: string[] = [];
      for (const [displayId, open] of [...alarms]) {
        if (!open.reasonKeys.has(reasonKey)) continue;
        const reasonKeys = new Set(open.reasonKeys);
        reasonKeys.delete(reasonKey);
        if (reasonKeys.size > 0 || open.anyUnkeyed) {
          alarms.set(displayId, { ...open, reasonKeys });
          continue;
        }
        close(displayId);
        options.onChange(displayId);
        closed.push(displayId);
      }
      return closed;
    },
    dispose() {
      for (const displayId of [...alarms.keys()]) close(displayId);
    },
  };
}
