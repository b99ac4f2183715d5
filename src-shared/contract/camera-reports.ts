import { z } from 'zod';
import { GeoPointSchema } from './cameras';

/**
 * What a workstation tells the central server about its cameras so the server can raise alerts
 * (`POST /api/alerts/camera-reports`, device-authenticated). Each report is numbered by the workstation's own
 * queue (`seq`, increasing per `origin`, the queue's database); the server keeps the highest number it took per
 * workstation and origin, so a batch sent again after a lost reply is counted once.
 */
export const CAMERA_REPORTS_PATH = '/api/alerts/camera-reports';
export const MAX_CAMERA_REPORTS = 500;

/** motion and tamper from ONVIF events; offline from the workstation's health check (online clears it). */
export const CAMERA_REPORT_KINDS = ['motion', 'tamper', 'offline'] as const;
export const CameraReportKindSchema = z.enum(CAMERA_REPORT_KINDS);
export type CameraReportKind = z.infer<typeof CameraReportKindSchema>;

/** The alert type each report kind becomes on the server (labels: i18n `alerts.type.camera_*`). */
export const CAMERA_ALERT_TYPES: Readonly<Record<CameraReportKind, string>> = {
  motion: 'camera.motion',
  tamper: 'camera.tamper',
  offline: 'camera.offline',
};

export const CameraReportSchema = z
  .object({
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    cameraId: z.string().min(1).max(100),
    cameraName: z.string().max(200),
    kind: CameraReportKindSchema,
    active: z.boolean(),
    /** When the workstation saw it (its clock, not the camera's: camera clocks drift). */
    at: z.iso.datetime({ offset: true }),
    /** The camera's stored position, if it has one. */
    location: GeoPointSchema.nullable(),
  })
  .strict();
export type CameraReport = z.infer<typeof CameraReportSchema>;

export const CameraReportBatchSchema = z
  .object({
    origin: z.string().min(8).max(64),
    reports: z.array(CameraReportSchema).min(1).max(MAX_CAMERA_REPORTS),
  })
  .strict();
export type CameraReportBatch = z.infer<typeof CameraReportBatchSchema>;

export const CameraReportReplySchema = z.object({
  ok: z.literal(true),
  /** Every report of this origin up to this number is held by the server. */
  upTo: z.number().int().min(0),
  accepted: z.number().int().min(0),
  /** Reports the server had already taken (a batch sent again). */
  duplicates: z.number().int().min(0),
});
export type CameraReportReply = z.infer<typeof CameraReportReplySchema>;
