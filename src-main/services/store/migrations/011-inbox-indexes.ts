import type { Migration } from '../migration';

/**
 * Indexes that let the inbox stop after one page at a million cases: one per filter, each in the inbox's order
 * (received_at, then id), so SQLite walks the newest matching cases and stops instead of sorting every match. Each
 * filter's index also carries the other filter columns, so a combination (a state at one site, overdue cases of one
 * category) and the check against the optimistic overlay (the id) are decided inside the index without reading the
 * row. Replaces the 003/006 indexes on received_at, state, status and site; category and agency get theirs.
 */
export const migration011InboxIndexes: Migration = {
  version: 11,
  name: 'cases: inbox indexes in received order',
  up(db) {
    db.exec(`
      DROP INDEX case_mirror_by_received;
      DROP INDEX case_mirror_by_state;
      DROP INDEX case_mirror_by_status;
      DROP INDEX case_mirror_by_site;
      CREATE INDEX case_mirror_by_received ON case_mirror(received_at, id);
      CREATE INDEX case_mirror_by_state
        ON case_mirror(state, received_at, id, status, site_id, service_code, agency_id, due_at);
      CREATE INDEX case_mirror_by_status
        ON case_mirror(status, received_at, id, due_at, state, site_id, service_code, agency_id);
      CREATE INDEX case_mirror_by_site
        ON case_mirror(site_id, received_at, id, state, status, service_code, agency_id, due_at);
      CREATE INDEX case_mirror_by_service
        ON case_mirror(service_code, received_at, id, state, status, site_id, agency_id, due_at);
      CREATE INDEX case_mirror_by_agency
        ON case_mirror(agency_id, received_at, id, state, status, site_id, service_code, due_at);
    `);
  },
};
