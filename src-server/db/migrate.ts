import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { SERVER_MIGRATIONS, type ServerMigration } from './migrations';
import type { ServerDb } from './open-database';

export class MigrationError extends Error {
  constructor(
    readonly code: 'newer_schema' | 'migration_failed',
    message: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

export interface MigrationOutcome {
  applied: string[];
  /** The SQLite copy taken before migrating an existing database, if any. */
  backupPath: string | null;
}

/**
 * Brings the database to the latest schema with Kysely's Migrator (its lock makes two servers starting at once
 * safe on PostgreSQL). Refuses a database written by a newer server, and backs a SQLite file up first.
 */
export async function migrateToLatest(
  target: ServerDb,
  migrations: readonly ServerMigration[] = SERVER_MIGRATIONS,
  now: () => Date = () => new Date(),
): Promise<MigrationOutcome> {
  const db = target.db as unknown as Kysely<unknown>;
  const known = new Set(migrations.map((m) => m.name));
  const executed = await executedMigrations(db);
  const unknown = executed.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new MigrationError(
      'newer_schema',
      `The database ${target.description} was written by a newer server (it has migration ${unknown.join(', ')}). Update the server; the database was left untouched.`,
    );
  }
  const pending = migrations.filter((m) => !executed.includes(m.name));
  if (pending.length === 0) return { applied: [], backupPath: null };
  const backupPath = executed.length > 0 && target.sqlitePath ? await backUp(target, executed.length, now) : null;

  const provided: Record<string, Migration> = {};
  for (const m of migrations) provided[m.name] = { up: (kdb) => m.up(kdb as Kysely<unknown>, target.dialect) };
  const migrator = new Migrator({ db, provider: { getMigrations: async () => provided } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      'migration_failed',
      `Migration ${failed} failed on ${target.description}: ${reason}.${backupPath ? ` A backup is at ${backupPath}.` : ''}`,
    );
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName), backupPath };
}

async function executedMigrations(db: Kysely<unknown>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

async function backUp(target: ServerDb, version: number, now: () => Date): Promise<string> {
  const path = target.sqlitePath!;
  const dir = join(dirname(path), 'backups');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = now().toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `${basename(path)}.v${version}.${stamp}.sqlite`);
  await sql`vacuum into ${file}`.execute(target.db);
  return file;
}
