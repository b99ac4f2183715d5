import type { Migration } from '../migration';

/**
 * A trigram index over the mirror's folded search text, so the inbox search finds a word anywhere in a case without
 * reading every case (LIKE '%word%' scans the whole mirror). External content: the text is stored once, in
 * case_mirror; the triggers keep the index in step with every insert, upsert and delete of the mirror.
 */
export const migration007CaseSearchIndex: Migration = {
  version: 7,
  name: 'cases: trigram search index over the mirror',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE case_mirror_search USING fts5(
        search_text, content = 'case_mirror', content_rowid = 'rowid', tokenize = 'trigram'
      );
      CREATE TRIGGER case_mirror_search_insert AFTER INSERT ON case_mirror BEGIN
        INSERT INTO case_mirror_search (rowid, search_text) VALUES (NEW.rowid, NEW.search_text);
      END;
      CREATE TRIGGER case_mirror_search_delete AFTER DELETE ON case_mirror BEGIN
        INSERT INTO case_mirror_search (case_mirror_search, rowid, search_text)
          VALUES ('delete', OLD.rowid, OLD.search_text);
      END;
      CREATE TRIGGER case_mirror_search_update AFTER UPDATE OF search_text ON case_mirror BEGIN
        INSERT INTO case_mirror_search (case_mirror_search, rowid, search_text)
          VALUES ('delete', OLD.rowid, OLD.search_text);
        INSERT INTO case_mirror_search (rowid, search_text) VALUES (NEW.rowid, NEW.search_text);
      END;
      INSERT INTO case_mirror_search (case_mirror_search) VALUES ('rebuild');
    `);
  },
};
