import type { EventPayload } from '../../../src-shared/contract';
import type { PulledEvent } from './events/messages';
import { probeColumns } from './rows';
import type { CameraPatch, CameraRepo } from './repo';
import type { CameraRuntime, StatusChange } from './runtime';

export type CameraPublish = <N extends 'camera.event' | 'camera.status' | 'camera.certificate'>(
  event: N,
  payload: EventPayload<N>,
) => void;

export interface PublisherLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * What the service tells the rest of the system: status changes (saved, then `camera.status` when they
 * differ) and camera events (`camera.event`), filtered so the operators' sockets carry news, not noise.
 */
export function createCameraPublisher(deps: {
  repo: CameraRepo;
  publish: CameraPublish;
  logger: PublisherLogger;
  now: () => Date;
}) {
  // A broken subscriber must not break the camera loop that produced the event.
  const publish: CameraPublish = (event, payload) => {
    try {
      deps.publish(event, payload);
    } catch (error) {
      deps.logger.error('publishing a camera event failed', { event, error: String(error).slice(0, 300) });
    }
  };
  const otherBudget = new Map<string, { windowStart: number; count: number }>();

  return {
    async applyStatus(runtime: CameraRuntime, change: StatusChange): Promise<void> {
      const before = await deps.repo.get(runtime.id);
      if (!before) return;
      const at = deps.now().toISOString();
      const patch: CameraPatch = {
        status: change.status,
        status_detail: change.detail?.slice(0, 500) ?? null,
        updated_at: at,
      };
      if (change.clockOffsetMs !== undefined) patch.clock_offset_ms = change.clockOffsetMs;
      if (change.seen) patch.last_seen_at = at;
      if (change.authMode) patch.auth_mode = change.authMode;
      if (change.probe) Object.assign(patch, probeColumns(change.probe));
      await deps.repo.update(runtime.id, patch);
      const after = await deps.repo.get(runtime.id);
      if (after) runtime.row = after;
      if (before.status === change.status && before.status_detail === patch.status_detail) return;
      publish('camera.status', { cameraId: runtime.id, status: change.status, detail: patch.status_detail ?? null });
      if (before.status !== change.status) {
        deps.logger.info('camera status changed', {
          cameraId: runtime.id,
          from: before.status,
          to: change.status,
          detail: patch.status_detail,
        });
      }
    },

    publishEvent(cameraId: string, event: PulledEvent): void {
      // Initialized messages replay the current state after subscribing; only an active one is news.
      if (event.operation === 'Initialized' && !event.active) return;
      if (event.kind === 'other') {
        // Chatty vendor topics (Avigilon logs several per second) must not flood the operators' sockets.
        const t = Date.now();
        const budget = otherBudget.get(cameraId) ?? { windowStart: t, count: 0 };
        if (t - budget.windowStart > 1000) Object.assign(budget, { windowStart: t, count: 0 });
        otherBudget.set(cameraId, budget);
        if (++budget.count > 10) return;
      }
      const { kind, topic, active, at, source } = event;
      publish('camera.event', { cameraId, kind, topic, active, at, source });
    },

    forget(cameraId: string): void {
      otherBudget.delete(cameraId);
    },
  };
}
