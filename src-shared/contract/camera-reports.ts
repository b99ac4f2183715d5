import { z } from 'zod';
import { GeoPointSchema } from './cameras';

/**
 * What a workstation tells the central server about its cameras so the server can raise alerts
 * (`POST /api/alerts/camera-reports`, device-authenticated). Each report is numbered by the workstation's own
 * queue (`seq`, increasing per `origin`, the queue's database); the server keeps the highest number it took per
 * workstation and origin, so a batch sent again after a lost reply is counted once.
 */
export const CAMERA_REPORTS_PATH = '/api/alerts/camera-reports';
/**
 * Request header with the workstation's clock (ISO 8601) when it sent the batch. The server orders reports by its
 * own clock: a report's `at` moved by how far the workstation's clock is from the server's (receipt minus this), so
 * a workstation whose clock runs behind or ahead is neither ignored as stale nor masks the others. Without it (an
 * older workstation) the server orders by receipt. A header, not a field: older servers' strict schema ignores it.
 */
export const CAMERA_REPORTS_SENT_AT_HEADER = 'x-ioc-sent-at';
export const MAX_CAMERA_REPORTS = 500;
export const CAMERA_KEY_MAX = 220;

/** motion and tamper from ONVIF events; offline from the workstation's health check (online clears it). */
export const CAMERA_REPORT_KINDS = ['motion', 'tamper', 'offline'] as const;
export const CameraReportKindSchema = z.enum(CAMERA_REPORT_KINDS);
export type CameraReportKind = z.infer<typeof CameraReportKindSchema>;

/** The `source` of every alert raised from camera reports. */
export const CAMERA_ALERT_SOURCE = 'camera';

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
    /**
     * When the workstation saw it (its clock, not the camera's: camera clocks drift). Information and relative order:
     * the server orders by its own clock (`CAMERA_REPORTS_SENT_AT_HEADER`).
     */
    at: z.iso.datetime({ offset: true }),
    /** The camera's stored position, if it has one. */
    location: GeoPointSchema.nullable(),
    /**
     * The physical camera (`cameraIdentity`), the same from every workstation that watches it, so two of them
     * reporting one motion raise one alert. Absent from reports queued before workstations sent it.
     */
    cameraKey: z.string().min(1).max(CAMERA_KEY_MAX).optional(),
  })
  .strict();
export type CameraReport = z.infer<typeof CameraReportSchema>;

/** What a camera says about itself (ONVIF GetDeviceInformation) and where its ONVIF service answers. */
export interface CameraFacts {
  manufacturer: string;
  model: string;
  serial: string;
  host: string;
  port: number;
}

/** Serial numbers some firmware reports for every unit: not an identity. */
const PLACEHOLDER_SERIAL = /^(0+|-+|x+|n-?a|none|null|unknown|default|serial(number)?|12345(6(7(89?)?)?)?)$/;

const keyPart = (text: string) =>
  text
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .slice(0, 64);

/**
 * A camera's identity across workstations (camera ids are per workstation): `onvif:<manufacturer>/<model>/<serial>`
 * from its device information, normalised (case, spaces, punctuation), or — when it reports no usable serial —
 * `addr:<host>:<port>` of its ONVIF service, the host lower-cased without IPv6 brackets or a trailing dot.
 */
export function cameraIdentity(camera: CameraFacts): string {
  const serial = keyPart(camera.serial);
  if (serial !== '' && !PLACEHOLDER_SERIAL.test(serial)) {
    return `onvif:${keyPart(camera.manufacturer)}/${keyPart(camera.model)}/${serial}`;
  }
  const host = camera.host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .slice(0, 120);
  return `addr:${host}:${camera.port}`;
}

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

/**
 * Which of this workstation's cameras a camera alert is about (by the identity its motion and tamper alerts are
 * keyed by, or by this workstation's id for offline), and the report kind it came from; null for other alerts and
 * for cameras this workstation does not have.
 */
export function reportedCameraOf<C extends { id: string } & Partial<CameraFacts>>(
  alert: { source: string; type: string; sourceId: string },
  cameras: readonly C[],
): { camera: C; kind: CameraReportKind } | null {
  if (alert.source !== CAMERA_ALERT_SOURCE) return null;
  const kind = CAMERA_REPORT_KINDS.find((k) => CAMERA_ALERT_TYPES[k] === alert.type);
  if (!kind) return null;
  const camera = cameras.find(
    (c) =>
      c.id === alert.sourceId ||
      (c.manufacturer !== undefined &&
        c.model !== undefined &&
        c.serial !== undefined &&
        c.host !== undefined &&
        c.port !== undefined &&
        cameraIdentity({
          manufacturer: c.manufacturer,
          model: c.model,
          serial: c.serial,
          host: c.host,
          port: c.port,
        }) === alert.sourceId),
  );
  return camera ? { camera, kind } : null;
}
