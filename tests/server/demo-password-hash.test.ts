// Seeding the demo users on a fresh database: with one password for all (IOC_DEMO_PASSWORD, as every test server
// has) it is hashed once, not fifteen times: ~1.5 s of scrypt per server start, many seconds on a loaded machine,
// where central-server starts outlasted the tests' limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPasswordHasher, verifyPassword } from '../../src-server/auth/password';
import { createSqliteDatabase, type TestDatabase } from './databases';
import { startTestServer, TEST_PASSWORD, type TestServer } from './server-harness';

describe('the demo users of a server started with one demo password', () => {
  let db: TestDatabase;
  let t: TestServer;
  beforeAll(async () => {
    db = createSqliteDatabase();
    t = await startTestServer(db, { demo: true });
  });
  afterAll(async () => {
    await t?.stop();
    await db?.drop();
  });

  it('share one hash of it, which verifies', async () => {
    const users = await t.server.database.db.selectFrom('users').select(['username', 'password_hash']).execute();
    // The workstation's five and the agency staff.
    expect(users.length).toBeGreaterThan(5);
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(1);
    expect(await verifyPassword(TEST_PASSWORD, users[0]!.password_hash)).toBe(true);
    expect(await verifyPassword('sai-mat-khau', users[0]!.password_hash)).toBe(false);
  });
});

describe('demoPasswordHasher', () => {
  it('hashes the shared password once, and any other password with its own salt', async () => {
    const hash = demoPasswordHasher('chung-cho-tat-ca');
    expect(await hash('chung-cho-tat-ca')).toBe(await hash('chung-cho-tat-ca'));
    const drawn = [await hash('rieng-1'), await hash('rieng-1')];
    expect(drawn[0]).not.toBe(drawn[1]);
    expect(await verifyPassword('rieng-1', drawn[0]!)).toBe(true);
    const none = demoPasswordHasher(null);
    expect(await none('x-1')).not.toBe(await none('x-1'));
  });
});
