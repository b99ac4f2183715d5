import type { Migration } from '../migration';

/**
 * rtsps:// cameras' certificate pins (issue 4): the SHA-256 of the leaf certificate a technician trusted, and the
 * last one the camera presented that was refused (what the technician is asked to trust, or what replaced the
 * trusted one). One row per camera, gone with the camera.
 */
export const migration013CameraTlsPins: Migration = {
  version: 13,
  name: 'cameras: pinned TLS certificates for rtsps',
  up(db) {
    db.exec(`
      CREATE TABLE camera_tls_pins (
        camera_id TEXT PRIMARY KEY REFERENCES cameras(id) ON DELETE CASCADE,
        pinned_sha256 TEXT CHECK (pinned_sha256 NOT GLOB '*[^0-9A-F:]*' AND length(pinned_sha256) = 95),
        pinned_at TEXT,
        pinned_by TEXT,
        seen_sha256 TEXT CHECK (seen_sha256 NOT GLOB '*[^0-9A-F:]*' AND length(seen_sha256) = 95),
        seen_at TEXT,
        CHECK ((pinned_sha256 IS NULL) = (pinned_at IS NULL))
      );
    `);
  },
};
