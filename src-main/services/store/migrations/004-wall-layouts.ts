import type { Migration } from '../migration';

/**
 * The video wall (issue 4): layouts, tours, what each display shows and which cameras pop up together.
 * Layouts and tours carry a version and updated_at and are deleted by tombstone (deleted = 1), so the sync
 * engine can carry them between workstations later without losing a delete.
 */
export const migration004WallLayouts: Migration = {
  version: 4,
  name: 'wall: layouts, tours, displays, alarm links',
  up(db) {
    db.exec(`
      CREATE TABLE wall_layouts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        name_folded TEXT NOT NULL,
        cols INTEGER NOT NULL CHECK (cols BETWEEN 1 AND 8),
        rows INTEGER NOT NULL CHECK (rows BETWEEN 1 AND 8),
        -- JSON array of {x, y, w, h, cameraId}; the service checks the tiles cut the grid exactly.
        tiles TEXT NOT NULL CHECK (json_valid(tiles) AND json_type(tiles) = 'array'),
        version INTEGER NOT NULL CHECK (version >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;
      CREATE INDEX wall_layouts_by_name ON wall_layouts(deleted, name_folded);

      CREATE TABLE wall_tours (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        name_folded TEXT NOT NULL,
        -- Base layout for camera steps; not a foreign key, layouts may arrive by sync after the tour.
        layout_id TEXT,
        pinned_tiles TEXT NOT NULL CHECK (json_valid(pinned_tiles) AND json_type(pinned_tiles) = 'array'),
        steps TEXT NOT NULL CHECK (json_valid(steps) AND json_type(steps) = 'array'),
        version INTEGER NOT NULL CHECK (version >= 1),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;
      CREATE INDEX wall_tours_by_name ON wall_tours(deleted, name_folded);

      -- One row per display of this workstation's wall: what it shows and how alarms pop up on it.
      CREATE TABLE wall_displays (
        display_id TEXT PRIMARY KEY,
        source_kind TEXT CHECK (source_kind IN ('layout', 'tour')),
        source_id TEXT,
        tour_running INTEGER NOT NULL DEFAULT 0 CHECK (tour_running IN (0, 1)),
        tour_started_at TEXT,
        -- The step a stopped tour holds on screen; it resumes from there.
        tour_held_step INTEGER,
        alarm_policy TEXT NOT NULL CHECK (json_valid(alarm_policy) AND json_type(alarm_policy) = 'object'),
        version INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL,
        updated_by TEXT,
        CHECK ((source_kind IS NULL) = (source_id IS NULL))
      ) STRICT;

      -- Cameras shown together with a camera when it raises an alarm, in the order they are shown.
      CREATE TABLE wall_alarm_links (
        camera_id TEXT NOT NULL,
        linked_camera_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (camera_id, linked_camera_id),
        CHECK (camera_id <> linked_camera_id)
      ) STRICT;
    `);
  },
};
