import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect';
import type { ServerMigration } from './migration';

/**
 * Camera reports from workstations (issue 6): the highest report number taken from each workstation database
 * (`origin`, drawn once per workstation database) through each enrolled device, so a batch sent again after a lost
 * reply is counted once. One row per workstation, not per report. Table type in src-server/ingest/camera-reports.ts.
 */
export const migration010CameraReportReceipts: ServerMigration = {
  name: '010-camera-report-receipts',
  up: async (db: Kysely<unknown>, _dialect: DialectName) => {
    await db.schema
      .createTable('camera_report_receipts')
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('last_seq', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('camera_report_receipts_pk', ['device_id', 'origin'])
      .execute();
  },
};
