import type { CameraEvent, CameraStatus } from '../../../src-shared/contract/cameras';
import type { CameraReportKind } from '../../../src-shared/contract/camera-reports';

export type CameraHappening =
  | { cameraId: string; event: Pick<CameraEvent, 'kind' | 'active'> }
  | { cameraId: string; status: CameraStatus };

export interface ReportDecision {
  kind: CameraReportKind;
  active: boolean;
}

/** A camera that answers is not offline, even with a wrong clock; the other statuses say nothing either way. */
const OFFLINE: Partial<Record<CameraStatus, boolean>> = { unreachable: true, online: false, clock_skew: false };

/**
 * Which camera events and status changes travel to the central server, so a chattering camera cannot flood it:
 * offline and tamper only when they change (what was last sent, per camera), motion at most once per
 * `motionWindowMs` per camera and only its start (the server clears motion after a quiet time). Inputs, input
 * contacts and vendor topics are not alerts.
 */
export function createCameraReportFilter(options: { motionWindowMs: number }) {
  const lastState = new Map<string, boolean>();
  const lastMotion = new Map<string, number>();

  return {
    decide(happening: CameraHappening, nowMs: number): ReportDecision | null {
      const { cameraId } = happening;
      let decision: ReportDecision;
      if ('status' in happening) {
        const offline = OFFLINE[happening.status];
        if (offline === undefined) return null;
        decision = { kind: 'offline', active: offline };
      } else if (happening.event.kind === 'tamper') {
        decision = { kind: 'tamper', active: happening.event.active };
      } else if (happening.event.kind === 'motion') {
        if (!happening.event.active) return null;
        const last = lastMotion.get(cameraId);
        if (last !== undefined && nowMs - last < options.motionWindowMs && nowMs >= last) return null;
        lastMotion.set(cameraId, nowMs);
        return { kind: 'motion', active: true };
      } else {
        return null;
      }
      const key = `${decision.kind}|${cameraId}`;
      if (lastState.get(key) === decision.active) return null;
      lastState.set(key, decision.active);
      return decision;
    },

    forget(cameraId: string): void {
      lastMotion.delete(cameraId);
      for (const kind of ['offline', 'tamper']) lastState.delete(`${kind}|${cameraId}`);
    },
  };
}
