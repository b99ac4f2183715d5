import type { CameraEvent } from '../../../src-shared/contract';
import type { Alert, AlertEventKind } from '../../../src-shared/contract/alerts';
import { type CameraFacts, reportedCameraOf } from '../../../src-shared/contract/camera-reports';
import { severityRank } from '../../../src-shared/domain/alerts/model';
import { camerasForAlert, type CameraCandidate } from '../../../src-shared/domain/alerts/select-cameras';
import type { AlarmBoard, AlarmRaise } from './alarm-board';
import { policyPopsUp } from './alarm-policy';
import type { DisplaysRepo } from './displays-repo';

/** An alert changed (the alerts service's `alert.changed`). */
export interface AlertChange {
  kind: AlertEventKind;
  alert: Alert;
}

/** An alert older than this when it arrives (a catch-up after a restart) does not pop up. */
const ALERT_POPUP_MAX_AGE_MS = 2 * 60_000;

export interface AlarmRoutingOptions {
  displays: Pick<DisplaysRepo, 'list' | 'links'>;
  board: Pick<AlarmBoard, 'raise' | 'withdraw'>;
  now: () => Date;
  /** Every camera with its place and view (and what it says about itself); without it alerts pop nothing up. */
  listCameras?: (() => Promise<(CameraCandidate & Partial<CameraFacts>)[]>) | undefined;
}

export interface AlarmRouting {
  /** camera.event from the camera service: active events matching a display's policy pop up there. */
  onCameraEvent(event: CameraEvent): void;
  /**
   * alert.changed from the alerts service: a fresh alert with a place, severe enough for a display's policy,
   * pops up the cameras that see the place; an acknowledged or cleared one reverts the pop-ups it alone holds.
   * Resolves once the pop-ups are raised.
   */
  onAlertChanged(change: AlertChange): Promise<void>;
}

/** Which display pops up what, for camera events and alerts (README.md, "Alarm pop-ups"). */
export function createAlarmRouting(options: AlarmRoutingOptions): AlarmRouting {
  const { displays, board } = options;
  const raiseOn = (displayId: string, raise: AlarmRaise) => board.raise(displayId, raise);

  return {
    onCameraEvent(event) {
      if (!event.active) return;
      const targets = displays.list().filter((d) => policyPopsUp(d.alarmPolicy, event.cameraId, event.kind));
      if (targets.length === 0) return;
      const cameraIds = [event.cameraId, ...displays.links(event.cameraId)];
      for (const d of targets) {
        raiseOn(d.displayId, {
          cameraIds,
          revertSec: d.alarmPolicy.revertSec,
          source: { cameraId: event.cameraId, kind: event.kind, reason: 'camera.event', title: null, at: event.at },
        });
      }
    },

    async onAlertChanged({ kind, alert }) {
      // Someone has the alert in hand, or it is over: a pop-up open for it alone reverts now.
      if (kind === 'acknowledged' || kind === 'cleared') board.withdraw(`alert:${alert.id}`);
      if (kind !== 'raised' && kind !== 'worsened') return;
      if (alert.state !== 'active' || alert.suppressed || !alert.location || !options.listCameras) return;
      if (options.now().getTime() - Date.parse(alert.lastSeenAt) > ALERT_POPUP_MAX_AGE_MS) return;
      const rank = severityRank(alert.severity);
      const targets = displays.list().filter((d) => {
        const min = d.alarmPolicy.alertMinSeverity;
        return d.alarmPolicy.enabled && min !== null && rank >= severityRank(min);
      });
      if (targets.length === 0) return;
      const cameras = await options.listCameras();
      const chosen = camerasForAlert(alert.location.coordinates, cameras).map((c) => c.id);
      // A camera's own motion or tamper, back from the central server: where the policy pops that camera event up,
      // its camera.event did already (no second pop-up of its neighbours); elsewhere the camera itself leads.
      const found = reportedCameraOf(alert, cameras);
      const own = found && found.kind !== 'offline' ? found : null;
      const cameraIds = own ? [own.camera.id, ...chosen.filter((id) => id !== own.camera.id)] : chosen;
      if (cameraIds.length === 0) return;
      for (const d of targets) {
        if (own && policyPopsUp(d.alarmPolicy, own.camera.id, own.kind)) continue;
        raiseOn(d.displayId, {
          cameraIds,
          revertSec: d.alarmPolicy.revertSec,
          reasonKey: `alert:${alert.id}`,
          source: {
            cameraId: cameraIds[0] ?? null,
            kind: 'alert',
            reason: 'alert',
            title: alert.title,
            at: alert.lastSeenAt,
          },
        });
      }
    },
  };
}
