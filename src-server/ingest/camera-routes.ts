import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { CAMERA_REPORTS_PATH, CameraReportBatchSchema } from '../../src-shared/contract/camera-reports';
import type { AlertSignal } from '../../src-shared/domain/alerts/model';
import type { AlertEngine } from '../alerts/engine';
import { createWorkstationAuth, sendError } from '../alerts/http-auth';
import type { ServerDatabase } from '../db/schema';
import { claimCameraReports } from './camera-reports';
import { cameraSignalOf } from './camera-signals';

export interface CameraReportRoutesDeps {
  db: Kysely<ServerDatabase>;
  engine: AlertEngine;
  now: () => Date;
  motionQuietMs: number;
}

/**
 * `POST /api/alerts/camera-reports`: an enrolled workstation's camera events and status (motion, tamper, offline)
 * become alerts through the same engine as the NGSI-LD feeds. Reports already taken (a batch sent again after a
 * lost reply) are skipped; the reply comes once the new ones are stored.
 */
export function registerCameraReportRoutes(app: FastifyInstance, deps: CameraReportRoutesDeps): void {
  const auth = createWorkstationAuth(deps.db, deps.now);

  app.post(CAMERA_REPORTS_PATH, async (req, reply) => {
    const deviceId = await auth.device(req, reply);
    if (!deviceId) return reply;
    const body = CameraReportBatchSchema.safeParse(req.body);
    if (!body.success) {
      const issue = body.error.issues[0];
      return sendError(
        reply,
        'invalid_input',
        `Bad camera reports: ${issue?.path.join('.') || '(body)'} ${issue?.message ?? 'invalid'}`,
      );
    }
    const { origin, reports } = body.data;
    const claimed = await claimCameraReports(deps.db, deviceId, origin, reports, deps.now());
    const signals = claimed.fresh
      .map((r) => cameraSignalOf(r, deps.motionQuietMs))
      .filter((s): s is AlertSignal => s !== null);
    if (signals.length > 0) {
      deps.engine.submit(signals);
      await deps.engine.drain();
    }
    return { ok: true, upTo: claimed.upTo, accepted: claimed.fresh.length, duplicates: claimed.duplicates };
  });
}
