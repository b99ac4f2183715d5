import type { Kysely, Transaction } from 'kysely';
import type { CameraReport } from '../../src-shared/contract/camera-reports';
import type { ServerDatabase } from '../db/schema';

/** Migration 010: the highest report number taken per enrolled device and workstation database. */
export interface CameraReportReceiptsTable {
  device_id: string;
  origin: string;
  last_seq: number | string | bigint;
  updated_at: string;
}

type ReceiptDb = ServerDatabase & { camera_report_receipts: CameraReportReceiptsTable };

export interface ClaimedReports {
  /** Reports the server had not taken before, in order. */
  fresh: CameraReport[];
  duplicates: number;
  /** The highest number now held for this device and origin. */
  upTo: number;
}

/**
 * Takes the reports of a batch numbered above what this device and origin sent before, and moves the mark past
 * them, in one transaction of its own (`claimCameraReportsIn` for the caller's).
 */
export async function claimCameraReports(
  db: Kysely<ServerDatabase>,
  deviceId: string,
  origin: string,
  reports: readonly CameraReport[],
  now: Date,
): Promise<ClaimedReports> {
  return db.transaction().execute((trx) => claimCameraReportsIn(trx, deviceId, origin, reports, now));
}

/**
 * The claim inside the caller's transaction: the route writes the reports' alerts in the same one (the alert
 * engine's `writeWith`), so a server that dies or fails between the two has taken nothing and the batch, sent
 * again, counts once. The first statement after making sure the mark exists updates its row, so on PostgreSQL a
 * second request of the same workstation (a retry racing the original) waits for this one to commit and then sees
 * the new mark; on SQLite writers are serialised anyway.
 */
export async function claimCameraReportsIn(
  trx: Transaction<ServerDatabase>,
  deviceId: string,
  origin: string,
  reports: readonly CameraReport[],
  now: Date,
): Promise<ClaimedReports> {
  const at = now.toISOString();
  const db: Kysely<ReceiptDb> = trx.withTables<{ camera_report_receipts: CameraReportReceiptsTable }>();
  await db
    .insertInto('camera_report_receipts')
    .values({ device_id: deviceId, origin, last_seq: 0, updated_at: at })
    .onConflict((oc) => oc.columns(['device_id', 'origin']).doNothing())
    .execute();
  const held = await db
    .updateTable('camera_report_receipts')
    .set({ updated_at: at })
    .where('device_id', '=', deviceId)
    .where('origin', '=', origin)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  const before = Number(held.last_seq);
  const fresh = reports.filter((r) => r.seq > before);
  const upTo = Math.max(before, ...reports.map((r) => r.seq));
  if (upTo > before) {
    await db
      .updateTable('camera_report_receipts')
      .set({ last_seq: upTo })
      .where('device_id', '=', deviceId)
      .where('origin', '=', origin)
      .execute();
  }
  return { fresh, duplicates: reports.length - fresh.length, upTo };
}
