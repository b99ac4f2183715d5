import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inAlertsTransaction, withAlertTables } from '../../alerts/tables';
import type { ServerDatabase } from '../../db/schema';
import { type AssetImportRowError, AssetImportRowErrorSchema } from '../../../src-shared/contract/alerts';
import { parseCsvRegister, parseGeoJsonRegister, type ParseProgress, parseXlsxRegister } from './register';
import { rowError } from './row-error';
import { MAX_ROWS_PER_INSERT, upsertRegisterRows } from './write-rows';

const ImportFormatSchema = z.enum(['csv', 'geojson', 'xlsx']);
export type ImportFormat = z.infer<typeof ImportFormatSchema>;
const ImportStatusSchema = z.enum(['validating', 'writing', 'imported', 'rejected', 'failed']);
export type ImportStatus = z.infer<typeof ImportStatusSchema>;
// Rows stored before the codes carry only a message: they read back as a code-less error the UI shows as is.
const StoredErrors = z.array(AssetImportRowErrorSchema);

function storedErrors(text: string): AssetImportRowError[] {
  try {
    const parsed = StoredErrors.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export interface ImportProgress {
  id: string;
  fileName: string;
  format: ImportFormat;
  status: ImportStatus;
  totalRows: number;
  processedRows: number;
  importedRows: number;
  /**
   * Rows checked and found bad or good so far: all of them, where `errors` names the first 200 bad ones. Absent only
   * from an import stored before they were counted.
   */
  badRows?: number;
  goodRows?: number;
  errors: AssetImportRowError[];
  startedAt: string;
  finishedAt: string | null;
}

/** Told of each step of an import, the last time with its outcome (imported, rejected or failed). */
export type ImportListener = (progress: ImportProgress) => void;

/**
 * A turn of the event loop after each reported step: progress reaches its readers (and other requests are served)
 * while an import is checked or written; checking, and writing on SQLite, would otherwise run within one turn.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rows between two progress reports: at least 500, at most ~100 reports per phase. */
export function progressStep(total: number): number {
  return Math.max(500, Math.ceil(total / 100));
}

export interface AssetImporter {
  /**
   * Starts an import and returns at once; follow it with progress(id), or with `listener`, told of the phase and
   * row counts as they move and, last, of the outcome. `file` is the uploaded bytes: UTF-8 text for CSV and
   * GeoJSON, a workbook for XLSX.
   */
  start(
    input: { fileName: string; format: ImportFormat; file: Buffer; actor: string },
    listener?: ImportListener,
  ): ImportProgress;
  progress(id: string): Promise<ImportProgress | null>;
  /** Waits for every running import (tests, shutdown). */
  idle(): Promise<void>;
}

/**
 * Imports an asset register: every row is checked first and every bad one reported by line; then all rows are
 * written in ONE transaction, so a file is imported whole or not at all. Progress is kept in memory while the job
 * runs (the write transaction would hide it in the database) and the outcome is stored.
 */
export function createAssetImporter(db: Kysely<ServerDatabase>, now: () => Date): AssetImporter {
  const adb = withAlertTables(db);
  const running = new Map<string, ImportProgress>();
  const jobs = new Set<Promise<void>>();

  async function save(p: ImportProgress): Promise<void> {
    await adb
      .updateTable('asset_imports')
      .set({
        status: p.status,
        total_rows: p.totalRows,
        processed_rows: p.processedRows,
        imported_rows: p.importedRows,
        errors: JSON.stringify(p.errors),
        bad_rows: p.badRows ?? null,
        good_rows: p.goodRows ?? null,
        finished_at: p.finishedAt,
      })
      .where('id', '=', p.id)
      .execute();
  }

  function parse(format: ImportFormat, file: Buffer, onProgress: ParseProgress) {
    if (format === 'xlsx') return parseXlsxRegister(file, onProgress);
    const text = file.toString('utf8');
    return format === 'csv' ? parseCsvRegister(text, onProgress) : parseGeoJsonRegister(text, onProgress);
  }

  /**
   * Reports `p` to the listener at each phase change, once the total is known and every `progressStep` rows, never
   * twice the same.
   */
  function reporter(p: ImportProgress, listener: ImportListener | undefined) {
    let last = { status: p.status, processedRows: -1, totalRows: p.totalRows };
    return (): boolean => {
      const moved =
        p.status !== last.status ||
        p.totalRows !== last.totalRows ||
        p.processedRows - last.processedRows >= progressStep(p.totalRows) ||
        (p.processedRows === p.totalRows && p.processedRows !== last.processedRows);
      if (!moved) return false;
      last = { status: p.status, processedRows: p.processedRows, totalRows: p.totalRows };
      listener?.({ ...p, errors: [...p.errors] });
      return true;
    };
  }

  async function run(p: ImportProgress, file: Buffer, actor: string, report: () => boolean): Promise<void> {
    await adb
      .insertInto('asset_imports')
      .values({
        id: p.id,
        file_name: p.fileName,
        // The CHECK on format predates XLSX (migration 003): a workbook is a table like a CSV.
        format: p.format === 'geojson' ? 'geojson' : 'csv',
        file_type: p.format,
        status: p.status,
        total_rows: 0,
        processed_rows: 0,
        imported_rows: 0,
        errors: '[]',
        // Counted as the rows are checked, stored with the outcome.
        bad_rows: null,
        good_rows: null,
        started_at: p.startedAt,
        finished_at: null,
        actor,
      })
      .execute();
    const onProgress = async (done: number, total: number, bad: number) => {
      p.processedRows = done;
      p.totalRows = total;
      p.badRows = bad;
      p.goodRows = done - bad;
      if (report()) await nextTurn();
    };
    const parsed = await parse(p.format, file, onProgress);
    p.totalRows = parsed.total;
    p.badRows = parsed.badRows;
    p.goodRows = parsed.rows.length;
    report();
    if (parsed.errors.length > 0 || parsed.rows.length === 0) {
      p.status = 'rejected';
      p.errors = parsed.errors.length > 0 ? parsed.errors : [rowError(1, 'no_rows')];
      p.finishedAt = now().toISOString();
      return save(p);
    }
    p.status = 'writing';
    p.processedRows = 0;
    report();
    try {
      await inAlertsTransaction(db, async (trx) => {
        const at = now().toISOString();
        // Statements as large as the progress step allows: the same steps reach the workstation as row by row did.
        const size = Math.min(progressStep(p.totalRows), MAX_ROWS_PER_INSERT);
        for (let start = 0; start < parsed.rows.length; start += size) {
          const chunk = parsed.rows.slice(start, start + size);
          await upsertRegisterRows(trx, chunk, p.id, at);
          p.processedRows += chunk.length;
          if (report()) await nextTurn();
        }
      });
      p.importedRows = parsed.rows.length;
      p.status = 'imported';
    } catch (error) {
      p.status = 'failed';
      p.importedRows = 0;
      p.errors = [
        rowError(0, 'write_failed', { detail: (error instanceof Error ? error.message : String(error)).slice(0, 300) }),
      ];
    }
    p.finishedAt = now().toISOString();
    await save(p);
  }

  return {
    start(input, listener) {
      const p: ImportProgress = {
        id: randomUUID(),
        fileName: input.fileName.slice(0, 200),
        format: input.format,
        status: 'validating',
        totalRows: 0,
        processedRows: 0,
        importedRows: 0,
        badRows: 0,
        goodRows: 0,
        errors: [],
        startedAt: now().toISOString(),
        finishedAt: null,
      };
      running.set(p.id, p);
      const report = reporter(p, listener);
      report();
      const job = run(p, input.file, input.actor, report)
        .catch((error: unknown) => {
          p.status = 'failed';
          p.errors = [
            rowError(0, 'write_failed', {
              detail: (error instanceof Error ? error.message : String(error)).slice(0, 300),
            }),
          ];
        })
        .finally(() => {
          running.delete(p.id);
          jobs.delete(job);
          // The outcome last, once it is stored: progress(id) then reads the same.
          listener?.({ ...p, errors: [...p.errors] });
        });
      jobs.add(job);
      return { ...p };
    },
    async progress(id) {
      const live = running.get(id);
      if (live) return { ...live, errors: [...live.errors] };
      const row = await adb.selectFrom('asset_imports').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return null;
      return {
        id: row.id,
        fileName: row.file_name,
        format: ImportFormatSchema.catch('csv').parse(row.file_type ?? row.format),
        status: ImportStatusSchema.catch('failed').parse(row.status),
        totalRows: row.total_rows,
        processedRows: row.processed_rows,
        importedRows: row.imported_rows,
        // Null on imports stored before the rows were counted (migration 009): they read back without counts.
        ...(row.bad_rows === null ? {} : { badRows: row.bad_rows }),
        ...(row.good_rows === null ? {} : { goodRows: row.good_rows }),
        errors: storedErrors(row.errors),
        startedAt: row.started_at,
        finishedAt: row.finished_at,
      };
    },
    async idle() {
      await Promise.all([...jobs]);
    },
  };
}
