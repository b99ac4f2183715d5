import type { Migration } from '../migration';

export const migration002CamerasSecrets: Migration = {
  version: 2,
  name: 'cameras and encrypted secrets',
  up(db) {
    db.exec(`
      -- Encrypted values (AES-256-GCM); the key is kept outside this database (services/secrets).
      CREATE TABLE secrets (
        id TEXT PRIMARY KEY,
        ciphertext BLOB NOT NULL,
        key_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- Sites are data that may arrive by sync after the camera, so site_id is not a foreign key.
      CREATE TABLE cameras (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        name_folded TEXT NOT NULL,
        site_id TEXT,
        host TEXT NOT NULL COLLATE NOCASE,
        port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
        device_path TEXT NOT NULL DEFAULT '/onvif/device_service',
        username TEXT NOT NULL,
        secret_id TEXT REFERENCES secrets(id) ON DELETE SET NULL,
        auth_mode TEXT NOT NULL DEFAULT 'both' CHECK (auth_mode IN ('both', 'digest')),
        manufacturer TEXT NOT NULL DEFAULT '',
        model TEXT NOT NULL DEFAULT '',
        firmware TEXT NOT NULL DEFAULT '',
        serial TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'unknown',
        status_detail TEXT,
        clock_offset_ms INTEGER,
        ptz INTEGER NOT NULL DEFAULT 0,
        ptz_profile_token TEXT,
        events INTEGER NOT NULL DEFAULT 0,
        profiles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(profiles)),
        services TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(services)),
        lat REAL CHECK (lat BETWEEN -90 AND 90),
        lon REAL CHECK (lon BETWEEN -180 AND 180),
        heading_deg REAL,
        fov_deg REAL,
        added_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_seen_at TEXT,
        UNIQUE (host, port)
      ) STRICT;
      CREATE INDEX cameras_by_site ON cameras(site_id);
    `);
  },
};
