import { migration001Initial } from './001-initial';
import { migration002Sync } from './002-sync';
import { migration003Alerts } from './003-alerts';
import type { ServerMigration } from './migration';

export type { ServerMigration } from './migration';

/** All migrations in order. Append; never reorder or edit. */
export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  migration001Initial,
  migration002Sync,
  migration003Alerts,
];
