import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { DatabaseTarget } from '../../src-server/db/database-target';
import { makeTempDir } from '../integration/tmp-dir';

/** The PostgreSQL this machine runs (trust auth); tests create and drop their own databases on it. */
export const PG_ADMIN_URL = process.env.IOC_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REQUIRED = process.env.IOC_REQUIRE_SERVICES === '1';

async function probe(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** null when PostgreSQL answers, otherwise why not. */
export const POSTGRES_PROBLEM = await probe();
if (POSTGRES_PROBLEM !== null && !REQUIRED) {
  console.warn(
    `\n${'!'.repeat(78)}\n!! PostgreSQL at ${PG_ADMIN_URL} is not reachable (${POSTGRES_PROBLEM}).\n` +
      `!! The PostgreSQL half of the central-server tests is SKIPPED. Set IOC_REQUIRE_SERVICES=1 to fail instead.\n${'!'.repeat(78)}\n`,
  );
}

export interface TestDatabase {
  target: DatabaseTarget;
  /** The --db argument for a child process. */
  arg: string;
  drop(): Promise<void>;
}

export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `ioc_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.href },
    arg: url.href,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        // Whoever used the database must have closed its pool by now: a leak fails the suite, not just slows it.
        const left = await connectionsTo(c, name);
        await c.query(`drop database if exists ${name} with (force)`);
        if (left > 0) throw new Error(`${left} connection(s) to ${name} were left open`);
      } finally {
        await c.end();
      }
    },
  };
}

async function connectionsTo(client: pg.Client, database: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const r = await client.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [
      database,
    ]);
    const n = Number(r.rows[0]?.n ?? 0);
    // Backends leave pg_stat_activity a moment after their client disconnects.
    if (n === 0 || attempt >= 30) return n;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function createSqliteDatabase(): TestDatabase {
  const temp = makeTempDir('ioc-server-');
  const path = join(temp.dir, 'central.sqlite');
  return { target: { kind: 'sqlite', path }, arg: path, drop: async () => temp.remove() };
}

export type DialectUnderTest = 'sqlite' | 'postgres';

export function createDatabase(dialect: DialectUnderTest): Promise<TestDatabase> {
  return dialect === 'postgres' ? createPostgresDatabase() : Promise.resolve(createSqliteDatabase());
}

/**
 * Runs the same suite against SQLite and PostgreSQL. Without PostgreSQL the second half is skipped loudly, or
 * fails when IOC_REQUIRE_SERVICES=1 (CI).
 */
export function describeOnEachDatabase(title: string, body: (dialect: DialectUnderTest) => void): void {
  describe(`${title} [sqlite]`, () => body('sqlite'));
  if (POSTGRES_PROBLEM === null) describe(`${title} [postgres]`, () => body('postgres'));
  else if (REQUIRED) {
    describe(`${title} [postgres]`, () => {
      it('needs PostgreSQL (IOC_REQUIRE_SERVICES=1)', () => {
        throw new Error(`PostgreSQL at ${PG_ADMIN_URL} is not reachable: ${POSTGRES_PROBLEM}`);
      });
    });
  } else describe.skip(`${title} [postgres] — PostgreSQL not reachable`, () => body('postgres'));
}

/** A fresh database for the enclosing describe block, dropped after it. */
export function useDatabase(dialect: DialectUnderTest): () => TestDatabase {
  let db: TestDatabase | null = null;
  beforeAll(async () => {
    db = await createDatabase(dialect);
  });
  afterAll(async () => {
    await db?.drop();
  });
  return () => {
    if (!db) throw new Error('database not created yet');
    return db;
  };
}
