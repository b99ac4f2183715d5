import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { type DialectAdapter, Kysely, PostgresDialect, sql, SqliteAdapter, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from './database-target';
import { redactUrl } from './database-target';
import type { DialectName } from './dialect';
import type { ServerDatabase } from './schema';

export interface ServerDb {
  readonly db: Kysely<ServerDatabase>;
  readonly dialect: DialectName;
  /** For messages: the file path, or the URL without its password. */
  readonly description: string;
  /** The SQLite file, for backups before a migration; null on PostgreSQL. */
  readonly sqlitePath: string | null;
  dispose(): Promise<void>;
}

const INT8_OID = 20;

/** pg returns BIGINT as a string; our cursors and counts stay far below 2^53, so numbers are exact. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/**
 * SQLite runs DDL inside transactions perfectly well; Kysely's adapter just does not claim it, so its Migrator
 * would run each migration outside one and a failing migration would leave half its tables behind.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

export interface OpenOptions {
  /** An idle pooled connection broke (PostgreSQL restarted, network cut); the pool replaces it. */
  onPoolError?: (error: Error) => void;
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<ServerDb> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 10, connectionTimeoutMillis: 5000, types });
    // Without a listener, an idle client's error (e.g. PostgreSQL restarting) would crash the whole server.
    pool.on('error', (error) => options.onPoolError?.(error));
    const db = new Kysely<ServerDatabase>({ dialect: new PostgresDialect({ pool }) });
    try {
      await sql`select 1`.execute(db);
    } catch (error) {
      await db.destroy();
      throw new Error(`Cannot reach PostgreSQL at ${redactUrl(target.url)}: ${messageOf(error)}`);
    }
    return {
      db,
      dialect: 'postgres',
      description: redactUrl(target.url),
      sqlitePath: null,
      dispose: () => db.destroy(),
    };
  }
  const path = resolve(target.path);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const sqlite = new BetterSqlite3(path);
  try {
    sqlite.pragma('journal_mode = WAL');
    // FULL: a citizen's report acknowledged with a tracking code must survive a power cut.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const problems = (sqlite.pragma('quick_check(5)') as { quick_check: string }[])
      .map((r) => r.quick_check)
      .filter((r) => r !== 'ok');
    if (problems.length > 0) throw new Error(`integrity check failed: ${problems.join('; ')}`);
  } catch (error) {
    sqlite.close();
    throw new Error(`Cannot open the SQLite database ${path}: ${messageOf(error)}`);
  }
  const db = new Kysely<ServerDatabase>({ dialect: new TransactionalDdlSqliteDialect({ database: sqlite }) });
  return {
    db,
    dialect: 'sqlite',
    description: path,
    sqlitePath: path,
    dispose: async () => {
      await db.destroy();
      if (sqlite.open) sqlite.close();
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
