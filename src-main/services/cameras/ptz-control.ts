import { CommandError, type Preset } from '../../../src-shared/contract';
import type { AuditLog } from '../audit';
import { asCommand } from './command-errors';
import * as onvifPtz from './onvif/ptz';
import type { Actor } from './types';
import type { CameraRuntime } from './runtime';

export interface PtzMove {
  pan: number;
  tilt: number;
  zoom: number;
  timeoutMs: number;
}

export interface PtzControl {
  move(cameraId: string, move: PtzMove, actor: Actor): Promise<void>;
  stop(cameraId: string, actor: Actor): Promise<void>;
  status(cameraId: string): Promise<{ pan: number; tilt: number; zoom: number; moving: boolean }>;
  presets(cameraId: string): Promise<Preset[]>;
  gotoPreset(cameraId: string, presetToken: string, actor: Actor): Promise<void>;
  setPreset(cameraId: string, name: string, presetToken: string | undefined, actor: Actor): Promise<Preset>;
  home(cameraId: string, actor: Actor): Promise<void>;
  /** Stop without an actor: the safety timer, removal, shutdown. */
  stopNow(runtime: CameraRuntime): Promise<void>;
}

/**
 * PTZ on onboarded cameras. Continuous moves stop twice over: the camera's own Timeout, and a core-side
 * timer at the requested time (cameras ignore or mis-parse Timeouts, research/onvif.md §5.4). Every action
 * is written to the audit log, including failed ones.
 */
export function createPtzControl(deps: {
  runtimeOf(cameraId: string): Promise<CameraRuntime>;
  audit: AuditLog;
}): PtzControl {
  async function ptzRuntime(cameraId: string): Promise<{ runtime: CameraRuntime; token: string }> {
    const runtime = await deps.runtimeOf(cameraId);
    const token = runtime.row.ptz_profile_token;
    if (runtime.row.ptz !== 1 || !token) throw new CommandError('invalid_input', 'This camera has no PTZ.');
    return { runtime, token };
  }

  async function audited<T>(
    action: string,
    cameraId: string,
    actor: Actor,
    detail: Record<string, unknown>,
    run: () => Promise<T>,
  ): Promise<T> {
    try {
      const result = await asCommand(run);
      deps.audit.record({ userId: actor.userId, action, subject: cameraId, detail: { ...detail, ok: true } });
      return result;
    } catch (error) {
      const code = error instanceof CommandError ? error.code : 'internal';
      deps.audit.record({
        userId: actor.userId,
        action,
        subject: cameraId,
        detail: { ...detail, ok: false, error: code },
      });
      throw error;
    }
  }

  // A held joystick re-sends the same move every few hundred ms; the audit log records the move once, not
  // each refresh: a refresh is the same user and velocity arriving before the previous move timed out.
  const movesInProgress = new Map<string, { key: string; until: number }>();
  const isRefresh = (cameraId: string, key: string, now: number) => {
    const current = movesInProgress.get(cameraId);
    return current !== undefined && current.key === key && now < current.until;
  };

  const stopNow = async (runtime: CameraRuntime) => {
    movesInProgress.delete(runtime.row.id);
    runtime.disarmStop();
    const token = runtime.row.ptz_profile_token;
    if (token) await onvifPtz.stop(runtime.device(), token);
  };

  return {
    stopNow,

    async move(cameraId, move, actor) {
      const { runtime, token } = await ptzRuntime(cameraId);
      const detail = { pan: move.pan, tilt: move.tilt, zoom: move.zoom, timeoutMs: move.timeoutMs };
      if (move.pan === 0 && move.tilt === 0 && move.zoom === 0) {
        return audited('ptz.stop', cameraId, actor, {}, () => stopNow(runtime));
      }
      const send = async () => {
        // Armed before the request: if the camera takes the move but the answer is lost, it still stops.
        runtime.armStop(move.timeoutMs, () => stopNow(runtime));
        try {
          await onvifPtz.continuousMove(runtime.device(), token, move, move.timeoutMs);
        } catch (error) {
          runtime.disarmStop();
          movesInProgress.delete(cameraId);
          throw error;
        }
      };
      const key = `${actor.userId}|${move.pan}|${move.tilt}|${move.zoom}`;
      const now = Date.now();
      const refresh = isRefresh(cameraId, key, now);
      movesInProgress.set(cameraId, { key, until: now + move.timeoutMs });
      if (refresh) await asCommand(send);
      else await audited('ptz.move', cameraId, actor, detail, send);
    },

    async stop(cameraId, actor) {
      const { runtime } = await ptzRuntime(cameraId);
      await audited('ptz.stop', cameraId, actor, {}, () => stopNow(runtime));
    },

    async status(cameraId) {
      const { runtime, token } = await ptzRuntime(cameraId);
      return asCommand(() => onvifPtz.status(runtime.device(), token));
    },

    async presets(cameraId) {
      const { runtime, token } = await ptzRuntime(cameraId);
      return asCommand(() => onvifPtz.presets(runtime.device(), token));
    },

    async gotoPreset(cameraId, presetToken, actor) {
      const { runtime, token } = await ptzRuntime(cameraId);
      await audited('ptz.gotoPreset', cameraId, actor, { presetToken }, async () => {
        runtime.disarmStop();
        await onvifPtz.gotoPreset(runtime.device(), token, presetToken);
      });
    },

    async setPreset(cameraId, name, presetToken, actor) {
      const { runtime, token } = await ptzRuntime(cameraId);
      return audited('ptz.setPreset', cameraId, actor, { name, presetToken: presetToken ?? null }, () =>
        onvifPtz.setPreset(runtime.device(), token, name, presetToken),
      );
    },

    async home(cameraId, actor) {
      const { runtime, token } = await ptzRuntime(cameraId);
      await audited('ptz.home', cameraId, actor, {}, async () => {
        runtime.disarmStop();
        await onvifPtz.home(runtime.device(), token);
      });
    },
  };
}
