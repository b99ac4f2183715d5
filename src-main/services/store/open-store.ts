import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Disposable } from '../../../src-shared/domain/disposable';
import type { Migration } from './migration';
import { MIGRATIONS } from './migrations';
import type { Database } from './schema';
import { StoreError } from './store-error';
import { writeTransaction } from './write-transaction';

export interface StoreOptions {
  /** Path of the SQLite file; created with its folder if missing. */
  path: string;
  migrations?: readonly Migration[];
  /** Where backups taken before a migration go; default `<folder of path>/backups`. */
  backupDir?: string;
  now?: () => Date;
}

export interface Store extends Disposable {
  readonly db: Kysely<Database>;
  readonly sqlite: BetterSqlite3.Database;
  readonly path: string;
  readonly schemaVersion: number;
  /** The backup written before migrating at this open, if any. */
  readonly backupPath: string | null;
}

export function openStore(options: StoreOptions): Store {
  const migrations = options.migrations ?? MIGRATIONS;
  checkMigrationList(migrations);
  mkdirSync(dirname(options.path), { recursive: true, mode: 0o700 });
  const sqlite = new BetterSqlite3(options.path);
  try {
    configure(sqlite, options.path);
    checkIntegrity(sqlite, options.path);
    const backupPath = migrate(sqlite, migrations, options);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return {
      db,
      sqlite,
      path: options.path,
      schemaVersion: userVersion(sqlite),
      backupPath,
      dispose: async () => {
        await db.destroy();
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function configure(sqlite: BetterSqlite3.Database, path: string): void {
  try {
    sqlite.pragma('journal_mode = WAL');
  } catch (error) {
    if (isSqliteCode(error, 'SQLITE_NOTADB')) {
      throw new StoreError(
        'not_a_database',
        `${path} is not an IOC Wall database (not SQLite). Move it away or choose another --data-dir.`,
      );
    }
    throw error;
  }
  // FULL: the outbox, audit log and evidence records must survive a power cut of the control room.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}

function checkIntegrity(sqlite: BetterSqlite3.Database, path: string): void {
  const rows = sqlite.pragma('quick_check(5)') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (problems.length > 0) {
    throw new StoreError(
      'corrupt',
      `The database ${path} failed its integrity check (${problems.join('; ')}). Restore the latest backup from its backups folder.`,
    );
  }
}

function migrate(
  sqlite: BetterSqlite3.Database,
  migrations: readonly Migration[],
  options: StoreOptions,
): string | null {
  const current = userVersion(sqlite);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new StoreError(
      'newer_schema',
      `The database ${options.path} was written by a newer IOC Wall (schema ${current}, this version knows ${latest}). Update IOC Wall; the database was left untouched.`,
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return null;
  const backupPath = current > 0 ? backUp(sqlite, current, options) : null;
  for (const step of pending) {
    try {
      writeTransaction(sqlite, () => {
        step.up(sqlite);
        sqlite.pragma(`user_version = ${step.version}`);
      })();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new StoreError(
        'migration_failed',
        `Migration ${step.version} (${step.name}) failed: ${reason}. The database is still at schema ${userVersion(sqlite)}${backupPath ? `; a backup is at ${backupPath}` : ''}.`,
      );
    }
  }
  return backupPath;
}

function backUp(sqlite: BetterSqlite3.Database, version: number, options: StoreOptions): string {
  const dir = options.backupDir ?? join(dirname(options.path), 'backups');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const target = join(dir, `${basename(options.path)}.v${version}.${stamp}.sqlite`);
  sqlite.prepare('VACUUM INTO ?').run(target);
  return target;
}

function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new StoreError(
        'bad_migrations',
        `Migration #${i + 1} has version ${m.version}; versions must run 1, 2, 3… without gaps.`,
      );
    }
  });
}

function userVersion(sqlite: BetterSqlite3.Database): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

function isSqliteCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === code;
}
