import {
  CAMERA_ALERT_SOURCE,
  CAMERA_ALERT_TYPES,
  type CameraReport,
  type CameraReportKind,
} from '../../src-shared/contract/camera-reports';
import type { AlertSeverity, AlertSignal } from '../../src-shared/domain/alerts/model';

/** The source of every alert raised from a workstation's camera reports: one key per camera and type. */
export const CAMERA_SOURCE = CAMERA_ALERT_SOURCE;

const SEVERITY: Readonly<Record<CameraReportKind, AlertSeverity>> = {
  offline: 'major',
  tamper: 'major',
  motion: 'warning',
};

/** Vietnamese titles (the alert model's language); the workstation shows its own translation of the type. */
const TITLE: Readonly<Record<CameraReportKind, string>> = {
  offline: 'Camera mất kết nối',
  tamper: 'Camera bị che, xoay hoặc phá hoại',
  motion: 'Camera phát hiện chuyển động',
};

/**
 * One camera report as an alert signal. Offline and tamper are states: the camera's own "back"/"fine" clears them.
 * Motion has no trustworthy end (cameras flap and reports are coalesced), so each motion report keeps the alert
 * for `motionQuietMs` more and the engine's expiry sweep clears it once the camera has been quiet that long; a
 * report of motion ending is ignored.
 *
 * Motion and tamper are what the camera itself sees: keyed by the physical camera (`cameraKey`), so every
 * workstation watching it adds to one alert. Offline is what one workstation cannot reach (another may reach the
 * camera, and its "online" must not clear this one's alarm): keyed by that workstation's camera id.
 *
 * `at` is when it happened on the server's clock (`cameraBatchClock`): reports of one camera from several
 * workstations are ordered by it, not by each workstation's own clock (`report.at`).
 */
export function cameraSignalOf(report: CameraReport, motionQuietMs: number, at: Date): AlertSignal | null {
  if (report.kind === 'motion' && !report.active) return null;
  const name = report.cameraName.trim();
  return {
    source: CAMERA_SOURCE,
    type: CAMERA_ALERT_TYPES[report.kind],
    entityId: report.kind !== 'offline' && report.cameraKey ? report.cameraKey : report.cameraId,
    domain: 'cameras',
    severity: SEVERITY[report.kind],
    active: report.active,
    value: null,
    threshold: null,
    unit: null,
    title: name ? `${TITLE[report.kind]}: ${name}` : TITLE[report.kind],
    subject: name || null,
    observedAt: at.toISOString(),
    location: report.location ? { type: 'Point', coordinates: [report.location.lon, report.location.lat] } : null,
    expiresAt: report.kind === 'motion' ? new Date(at.getTime() + motionQuietMs).toISOString() : null,
  };
}
