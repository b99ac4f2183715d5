// Server migration 011: alerts get a subject (what they are about, by name), beside alerts already stored.
import { expect, it } from 'vitest';
import { withAlertTables } from '../../src-server/alerts/tables';
import { migrateToLatest } from '../../src-server/db/migrate';
import { describeOnEachDatabase } from '../server/databases';
import { migrationDatabases, migrationsFrom } from '../server/migration-harness';

const AT = '2026-11-27T01:00:00.000Z';

describeOnEachDatabase('server migration 011: alert subject', (dialect) => {
  const databases = migrationDatabases(dialect);

  it('adds the column beside stored alerts, which keep no subject', async () => {
    const target = await databases.before('011');
    const db = withAlertTables(target.db);
    const row = {
      id: 'a1',
      dedupe_key: 'camera|camera.offline|cam-1',
      open_key: 'camera|camera.offline|cam-1',
      source: 'camera',
      source_id: 'cam-1',
      type: 'camera.offline',
      domain: 'cameras',
      severity: 'major',
      state: 'active',
      acknowledged: 0,
      first_seen_at: AT,
      last_seen_at: AT,
      count: 1,
      title: 'Camera mất kết nối: Cổng chợ',
      suppressed: 0,
      last_change: 'raised',
      seq: 1,
    };
    await target.db.withTables<{ alerts: Record<string, unknown> }>().insertInto('alerts').values(row).execute();
    expect((await migrateToLatest(target)).applied).toEqual(migrationsFrom('011'));
    expect(await db.selectFrom('alerts').select(['id', 'title', 'subject']).execute()).toEqual([
      { id: 'a1', title: row.title, subject: null },
    ]);
    await db.updateTable('alerts').set({ subject: 'Cổng chợ' }).where('id', '=', 'a1').execute();
    expect(await db.selectFrom('alerts').select('subject').executeTakeFirst()).toEqual({ subject: 'Cổng chợ' });
  });
});
