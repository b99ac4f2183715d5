// Server migration 010: the camera report marks, on a database that already holds data, and the claim that reads
// and moves them (a retry racing its original must not count a report twice).
import { expect, it } from 'vitest';
import type { CameraReport } from '../../src-shared/contract/camera-reports';
import { migrateToLatest } from '../../src-server/db/migrate';
import { claimCameraReports } from '../../src-server/ingest/camera-reports';
import { describeOnEachDatabase } from './databases';
import { caseRow, migrationDatabases, migrationsFrom } from './migration-harness';

const AT = new Date('2026-11-27T01:00:00.000Z');
const report = (seq: number): CameraReport => ({
  seq,
  cameraId: 'cam-1',
  cameraName: 'Cổng chợ',
  kind: 'offline',
  active: true,
  at: AT.toISOString(),
  location: null,
});

describeOnEachDatabase('server migration 010: camera report marks', (dialect) => {
  const databases = migrationDatabases(dialect);

  it('adds the marks table beside existing data, one mark per device and origin', async () => {
    const target = await databases.before('010');
    await target.db.insertInto('cases').values(caseRow('c1')).execute();
    const { applied } = await migrateToLatest(target);
    expect(applied).toEqual(migrationsFrom('010'));
    expect(await target.db.selectFrom('cases').select('id').execute()).toEqual([{ id: 'c1' }]);

    expect(await claimCameraReports(target.db, 'dev-1', 'origin-a', [report(1), report(2)], AT)).toMatchObject({
      upTo: 2,
      duplicates: 0,
    });
    const again = await claimCameraReports(target.db, 'dev-1', 'origin-a', [report(2), report(3)], AT);
    expect(again.fresh.map((r) => r.seq)).toEqual([3]);
    expect(again).toMatchObject({ upTo: 3, duplicates: 1 });
    expect((await claimCameraReports(target.db, 'dev-2', 'origin-a', [report(1)], AT)).fresh).toHaveLength(1);
    const marks = await target.db
      .withTables<{ camera_report_receipts: { device_id: string; origin: string; last_seq: number } }>()
      .selectFrom('camera_report_receipts')
      .select(['device_id', 'origin', 'last_seq'])
      .orderBy('device_id')
      .execute();
    expect(marks.map((m) => ({ ...m, last_seq: Number(m.last_seq) }))).toEqual([
      { device_id: 'dev-1', origin: 'origin-a', last_seq: 3 },
      { device_id: 'dev-2', origin: 'origin-a', last_seq: 1 },
    ]);
  });

  it('gives a batch claimed twice at the same time to exactly one of the claims', async () => {
    const target = await databases.fresh();
    await migrateToLatest(target);
    const db = target.db;
    const batch = [report(2), report(3), report(4)];
    for (let round = 0; round < 5; round++) {
      const origin = `origin-${round}`;
      // The mark exists already (the workstation sent before): the claims meet on its row, not on creating it.
      await claimCameraReports(db, 'dev-1', origin, [report(1)], AT);
      const claims = await Promise.all(
        Array.from({ length: 4 }, () => claimCameraReports(db, 'dev-1', origin, batch, AT)),
      );
      expect(claims.map((c) => c.fresh.length).sort()).toEqual([0, 0, 0, 3]);
    }
  });
});
