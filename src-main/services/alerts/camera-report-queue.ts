import type BetterSqlite3 from 'better-sqlite3';
import {
  type CameraReport,
  type CameraReportBatch,
  type CameraReportKind,
  CameraReportSchema,
} from '../../../src-shared/contract/camera-reports';
import { writeTransaction } from '../store';

export interface NewCameraReport {
  cameraId: string;
  cameraName: string;
  kind: CameraReportKind;
  active: boolean;
  at: string;
  location: { lat: number; lon: number } | null;
  /** The physical camera's identity (`cameraIdentity`); absent when unknown. */
  cameraKey?: string | null;
}

interface Raw {
  seq: number;
  camera_id: string;
  camera_name: string;
  kind: CameraReportKind;
  active: 0 | 1;
  at: string;
  lat: number | null;
  lon: number | null;
  camera_key: string | null;
}

/** Rows kept while the server is away; beyond it the oldest go (a camera flapping for days must not fill the disk). */
export const MAX_QUEUED_CAMERA_REPORTS = 20_000;

/**
 * The camera reports waiting for the central server (migrations 012, 014), on the workstation's database: added as they
 * happen, sent in order of their number, deleted once the server has answered for them.
 */
export function createCameraReportQueue(sqlite: BetterSqlite3.Database, cap = MAX_QUEUED_CAMERA_REPORTS) {
  const s = {
    origin: sqlite.prepare<[], { origin: string }>('SELECT origin FROM camera_report_origin WHERE id = 1'),
    insert: sqlite.prepare(
      `INSERT INTO camera_reports (camera_id, camera_name, kind, active, at, lat, lon, camera_key)
       VALUES (@cameraId, @cameraName, @kind, @active, @at, @lat, @lon, @cameraKey)`,
    ),
    trim: sqlite.prepare<[number]>('DELETE FROM camera_reports WHERE seq <= (SELECT max(seq) FROM camera_reports) - ?'),
    next: sqlite.prepare<[number], Raw>('SELECT * FROM camera_reports ORDER BY seq LIMIT ?'),
    remove: sqlite.prepare<[number]>('DELETE FROM camera_reports WHERE seq <= ?'),
    count: sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM camera_reports'),
  };
  const origin = s.origin.get()?.origin;
  if (!origin) throw new Error('camera_report_origin row missing');

  return {
    origin,

    /** Stores one report; returns how many old ones were dropped to stay under the cap. */
    add(report: NewCameraReport): number {
      return writeTransaction(sqlite, () => {
        s.insert.run({
          cameraId: report.cameraId,
          cameraName: report.cameraName.slice(0, 200),
          kind: report.kind,
          active: report.active ? 1 : 0,
          at: report.at,
          lat: report.location?.lat ?? null,
          lon: report.location?.lon ?? null,
          cameraKey: report.cameraKey || null,
        });
        return s.trim.run(cap).changes;
      })();
    },

    /** The oldest reports, as the server takes them; a row that no longer fits the contract is skipped. */
    nextBatch(limit: number): { batch: CameraReportBatch | null; lastSeq: number } {
      const rows = s.next.all(limit);
      const reports: CameraReport[] = [];
      for (const r of rows) {
        const parsed = CameraReportSchema.safeParse({
          seq: r.seq,
          cameraId: r.camera_id,
          cameraName: r.camera_name,
          kind: r.kind,
          active: r.active === 1,
          at: r.at,
          location: r.lat === null || r.lon === null ? null : { lat: r.lat, lon: r.lon },
          ...(r.camera_key ? { cameraKey: r.camera_key } : {}),
        });
        if (parsed.success) reports.push(parsed.data);
      }
      const lastSeq = rows.at(-1)?.seq ?? 0;
      return { batch: reports.length > 0 ? { origin, reports } : null, lastSeq };
    },

    /** The server holds every report up to `seq`. */
    sent(seq: number): void {
      s.remove.run(seq);
    },

    waiting: () => s.count.get()?.n ?? 0,
  };
}
export type CameraReportQueue = ReturnType<typeof createCameraReportQueue>;
