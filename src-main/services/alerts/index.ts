export {
  createAlertsService,
  DEFAULT_ALERTS_TIMING,
  type AlertsLogger,
  type AlertsService,
  type AlertsServiceOptions,
  type AlertsTiming,
} from './service';
export { alertsHandlers, type AlertsCallContext } from './handlers';
export type { ServerLink } from './server-client';
export {
  createCameraReporter,
  DEFAULT_CAMERA_REPORTER_TIMING,
  type CameraReporter,
  type CameraReporterOptions,
  type CameraReporterTiming,
} from './camera-reporter';
export type { CameraHappening } from './camera-report-filter';
