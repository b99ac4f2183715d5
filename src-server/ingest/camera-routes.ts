import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import {
  CAMERA_REPORTS_PATH,
  CAMERA_REPORTS_SENT_AT_HEADER,
  CameraReportBatchSchema,
} from '../../src-shared/contract/camera-reports';
import type { AlertSignal } from '../../src-shared/domain/alerts/model';
import type { AlertEngine } from '../alerts/engine';
import { createWorkstationAuth, sendError } from '../alerts/http-auth';
import type { ServerDatabase } from '../db/schema';
import type { Logger } from '../logging/logger';
import { CAMERA_CLOCK_WARN_MS, cameraBatchClock } from './camera-clock';
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
 * both are. Reports are ordered on the server's clock (`cameraBatchClock`); a workstation whose clock is off is
 * named in the log, at most once an hour.
 */
export function registerCameraReportRoutes(app: FastifyInstance, deps: CameraReportRoutesDeps): void {
  const auth = createWorkstationAuth(deps.db, deps.now);
  const skewLogged = new Map<string, number>();

  app.post(CAMERA_REPORTS_PATH, async (req, reply) => {
    const receivedAt = deps.now();
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
    const clock = cameraBatchClock(reports, req.headers[CAMERA_REPORTS_SENT_AT_HEADER], receivedAt);
    if (clock.skewMs !== null && Math.abs(clock.skewMs) > CAMERA_CLOCK_WARN_MS) {
      const last = skewLogged.get(deviceId);
      if (last === undefined || receivedAt.getTime() - last > 3_600_000) {
        skewLogged.set(deviceId, receivedAt.getTime());
        deps.logger.warn('camera reports: the workstation clock is off; ordered by the server clock', {
          deviceId,
          skewSeconds: Math.round(clock.skewMs / 1000),
        });
      }
    }
    try {
      const claimed = await deps.engine.writeWith(async (trx) => {
        const taken = await claimCameraReportsIn(trx, deviceId, origin, reports, deps.now());
        const at = new Map(reports.map((r, i) => [r, clock.times[i]!]));
        const signals = taken.fresh
          .map((r) => cameraSignalOf(r, deps.motionQuietMs, at.get(r)!))
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
