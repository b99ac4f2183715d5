import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';
import type { ServerMigration } from './migration';

/**
 * What an alert is about, by name (a camera's display name), apart from its Vietnamese title: the workstation shows
 * it beside its own translation of the type. Null on alerts stored before, and on alerts whose feed names nothing.
 * Column type in src-server/alerts/tables.ts.
 */
export const migration011AlertSubject: ServerMigration = {
  name: '011-alert-subject',
  up: async (db: Kysely<unknown>, _dialect: DialectName) => {
    await db.schema.alterTable('alerts').addColumn('subject', 'text').execute();
  },
};
