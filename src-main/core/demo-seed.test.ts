import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../services/auth';
import { createSitesService } from '../services/sites';
import { openStore, type Store } from '../services/store';
import { seedDemo } from './demo-seed';

const RESOURCES = join(import.meta.dirname, '..', '..', 'resources');

describe('the demo seed', () => {
  let store: Store | null = null;
  let dir = '';
  afterEach(async () => {
    await store?.dispose();
    store = null;
    rmSync(dir, { recursive: true, force: true });
  });

  async function seed(password: string | null) {
    dir = mkdtempSync(join(tmpdir(), 'ioc-demo-seed-'));
    store = openStore({ path: join(dir, 'ioc.sqlite') });
    const credentials = await seedDemo({
      store,
      sites: createSitesService(store),
      resourcesDir: RESOURCES,
      dataDir: dir,
      password,
    });
    const rows = await store.db.selectFrom('users').select(['username', 'password_hash']).execute();
    return { credentials, rows };
  }

  it('hashes one shared demo password once, and every demo user signs in with it', async () => {
    const { credentials, rows } = await seed('demo-Password-1');
    expect(rows.length).toBeGreaterThan(1);
    expect(credentials.every((c) => c.password === 'demo-Password-1')).toBe(true);
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(1);
    expect(await verifyPassword('demo-Password-1', rows[0]!.password_hash)).toBe(true);
    expect(await verifyPassword('wrong', rows[0]!.password_hash)).toBe(false);
  });

  it('draws a password per user otherwise, each hashed with its own salt, kept in a 0600 file', async () => {
    const { credentials, rows } = await seed(null);
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length);
    for (const row of rows) {
      const own = credentials.find((c) => c.username === row.username)!;
      expect(await verifyPassword(own.password, row.password_hash)).toBe(true);
    }
    expect(statSync(join(dir, 'demo-credentials.json')).mode & 0o777).toBe(0o600);
  });
});
