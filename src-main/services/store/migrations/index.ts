import type { Migration } from '../migration';
import { migration001Initial } from './001-initial';
import { migration002CamerasSecrets } from './002-cameras-secrets';

/** All migrations in order. Append; never reorder or edit. */
export const MIGRATIONS: readonly Migration[] = [migration001Initial, migration002CamerasSecrets];
