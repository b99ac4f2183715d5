import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { CAMERA_REPORTS_PATH, CameraReportBatchSchema } from '../../src-shared/contract/camera-reports';
import type { AlertSignal } from '../../src-shared/domain/alerts/model';
import type { AlertEngine } from '../alerts/engine';
import { createWorkstationAuth, sendError } from '../alerts/http-auth';
import type { ServerDatabase } from '../db/schema';
import type { Logger } from '../logging/logger';
import { claimCameraReportsIn } from './camera-reports';
import { cameraSignalOf } from './camera-signals';

export interface CameraReportRoutesDeps {
  db: Kysely<ServerDatabase>;
  engine: AlertEngine;
  now: () => Date;
  logger: Logger;
  motionQuietMs: number;
}

/**
 * `POST /api/alerts/camera-reports`: an enrolled workstation's camera events and status (motion, tamper, offline)
 * become alerts through the same engine as the NGSI-LD feeds. Reports already taken (a batch sent again after a
 * lost reply) are skipped; the receipt and the alerts are written in one transaction, and the reply comes once
 * both are.
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
    try {
      const claimed = await deps.engine.writeWith(async (trx) => {
        const taken = await claimCameraReportsIn(trx, deviceId, origin, reports, deps.now());
        const signals = taken.fresh
          .map((r) => cameraSignalOf(r, deps.motionQuietMs))
          .filter((s): s is AlertSignal => s !== null);
        return { signals, result: taken };
      });
      return { ok: true, upTo: claimed.upTo, accepted: claimed.fresh.length, duplicates: claimed.duplicates };
    } catch (error) {
      // Nothing of the batch was taken: the workstation keeps it and sends it again.
      deps.logger.error('camera reports not stored; the workstation will send them again', {
        reports: reports.length,
        error: error instanceof Error ? error.message : String(error),
      });
      return sendError(
        reply,
        'internal',
        'The central server could not store these camera reports; none was taken. Send them again later.',
      );
    }
  });
}
