import type { WallAlarm } from '../../../src-shared/contract/layouts';

export const MAX_ALARM_CAMERAS = 9;

export interface AlarmRaise {
  cameraIds: readonly string[];
  source: WallAlarm['sources'][number];
  revertSec: number;
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
  dispose(): void;
}

/** Alarm pop-ups live in memory: after a restart of the core nothing is left popped up with no reason shown. */
export function createAlarmBoard(options: {
  now: () => Date;
  newId: () => string;
  /** The pop-up of a display opened, grew, reverted or was acknowledged. */
  onChange: (displayId: string) => void;
}): AlarmBoard {
  const alarms = new Map<string, { alarm: WallAlarm; timer: NodeJS.Timeout }>();

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
      close(displayId);
      alarms.set(displayId, { alarm, timer: schedule(displayId, alarm) });
      options.onChange(displayId);
      return alarm;
    },
    acknowledge(displayId, alarmId) {
      if (alarms.get(displayId)?.alarm.id !== alarmId) return false;
      close(displayId);
      options.onChange(displayId);
      return true;
    },
    dispose() {
      for (const displayId of [...alarms.keys()]) close(displayId);
    },
  };
}
