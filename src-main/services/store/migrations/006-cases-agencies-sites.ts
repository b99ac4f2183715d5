import type { Migration } from '../migration';

/**
 * The agency directory as the central server last gave it (issue 5): names for the inbox, the case detail and
 * the forward dialog, kept so they show offline too. Replaced wholesale by each successful fetch.
 * Mirrored cases gain their site (scoping: an operator sees the cases of their sites); the case mirror is dropped
 * and pulled again so every row gets it. The outbox is kept: nothing the operator queued is lost.
 */
export const migration006CasesAgenciesSites: Migration = {
  version: 6,
  name: 'cases: agency directory, case sites',
  up(db) {
    db.exec(`
      CREATE TABLE agency_directory (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        short_name TEXT NOT NULL,
        kind TEXT NOT NULL,
        name_folded TEXT NOT NULL,
        fetched_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX agency_directory_by_name ON agency_directory(name_folded);

      ALTER TABLE case_mirror ADD COLUMN site_id TEXT;
      CREATE INDEX case_mirror_by_site ON case_mirror(site_id);
      DELETE FROM case_event_mirror;
      DELETE FROM case_mirror;
      UPDATE sync_client SET epoch = NULL, cursor_seq = 0;
    `);
  },
};
