import type { Migration } from '../migration';

/** The triggers of migration 007, word for word (search-index-catchup.ts keeps the same text). */
const TRIGGERS: Readonly<Record<string, string>> = {
  case_mirror_search_insert: `CREATE TRIGGER case_mirror_search_insert AFTER INSERT ON case_mirror BEGIN
        INSERT INTO case_mirror_search (rowid, search_text) VALUES (NEW.rowid, NEW.search_text);
      END`,
  case_mirror_search_delete: `CREATE TRIGGER case_mirror_search_delete AFTER DELETE ON case_mirror BEGIN
        INSERT INTO case_mirror_search (case_mirror_search, rowid, search_text)
          VALUES ('delete', OLD.rowid, OLD.search_text);
      END`,
  case_mirror_search_update: `CREATE TRIGGER case_mirror_search_update AFTER UPDATE OF search_text ON case_mirror BEGIN
        INSERT INTO case_mirror_search (case_mirror_search, rowid, search_text)
          VALUES ('delete', OLD.rowid, OLD.search_text);
        INSERT INTO case_mirror_search (rowid, search_text) VALUES (NEW.rowid, NEW.search_text);
      END`,
};

/**
 * The trigram index of migration 007 again, without FTS5's per-case column sizes (`columnsize = 0`): only ranking
 * (bm25) and the auxiliary functions read them, and the inbox asks the index which cases hold a text, never how well.
 * Building the index (the end of an initial sync: 100,000 cases) then writes one B-tree row per case fewer, and so
 * does every live insert. Matches are unchanged: same tokenizer, same phrases.
 * A workstation upgraded in the middle of an initial sync has the triggers dropped (search-index-catchup.ts: their
 * absence says the index is to be rebuilt when the sync ends or the mirror next opens): they stay dropped, and the
 * index is left empty for that rebuild.
 */
export const migration015CaseSearchColumnsize: Migration = {
  version: 15,
  name: 'cases: trigram search index without column sizes',
  up(db) {
    const present = new Set(
      db
        .prepare<[], string>(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'case_mirror'`)
        .pluck()
        .all(),
    );
    const kept = Object.keys(TRIGGERS).filter((name) => present.has(name));
    for (const name of kept) db.exec(`DROP TRIGGER ${name}`);
    db.exec(`
      DROP TABLE case_mirror_search;
      CREATE VIRTUAL TABLE case_mirror_search USING fts5(
        search_text, content = 'case_mirror', content_rowid = 'rowid', tokenize = 'trigram', columnsize = 0
      );
    `);
    for (const name of kept) db.exec(TRIGGERS[name]!);
    if (kept.length === Object.keys(TRIGGERS).length) {
      db.exec(`INSERT INTO case_mirror_search (case_mirror_search) VALUES ('rebuild')`);
    }
  },
};
