import type { Migration } from '../migration';

/**
 * Camera reports carry the physical camera's identity (`cameraIdentity`: its ONVIF manufacturer, model and serial,
 * or its service address), taken when the report is made, so two workstations watching one camera raise one alert.
 * Null on reports queued before this version: they are sent without it, as before.
 */
export const migration014CameraReportKeys: Migration = {
  version: 14,
  name: 'alerts: camera reports carry the camera’s identity',
  up(db) {
    db.exec(
      `ALTER TABLE camera_reports ADD COLUMN camera_key TEXT CHECK (camera_key IS NULL OR length(camera_key) > 0)`,
    );
  },
};
