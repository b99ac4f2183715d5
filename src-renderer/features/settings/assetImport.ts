import { z } from 'zod';
import {
  ASSET_IMPORT_PATH,
  type AssetImportFormat,
  type AssetImportReport,
  AssetImportReportSchema,
  type AssetImportStep,
  AssetImportStepSchema,
  MAX_ASSET_UPLOAD_BYTES,
} from '../../../src-shared/contract/alerts';

const EXTENSIONS: Record<string, AssetImportFormat> = { csv: 'csv', xlsx: 'xlsx', geojson: 'geojson', json: 'geojson' };

/** What the file picker offers. */
export const ASSET_IMPORT_ACCEPT = '.csv,.xlsx,.geojson,.json';

/** The largest register, in whole MB, as the operator reads it. */
export const MAX_UPLOAD_MB = Math.floor(MAX_ASSET_UPLOAD_BYTES / (1024 * 1024));

export type ImportFileCheck =
  | { ok: true; format: AssetImportFormat }
  | { ok: false; reason: 'unsupportedType' | 'empty' | 'tooLarge' };

/** The register's format from its extension, and whether it fits one import. */
export function checkImportFile(fileName: string, size: number): ImportFileCheck {
  const extension = /\.([^.]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  const format = EXTENSIONS[extension];
  if (!format) return { ok: false, reason: 'unsupportedType' };
  if (size === 0) return { ok: false, reason: 'empty' };
  if (size > MAX_ASSET_UPLOAD_BYTES) return { ok: false, reason: 'tooLarge' };
  return { ok: true, format };
}

/** Where the core takes the register's raw bytes (src-main/core/asset-import-route.ts). */
export function importPath(format: AssetImportFormat, fileName: string): string {
  return `${ASSET_IMPORT_PATH}?${new URLSearchParams({ format, fileName: fileName.trim().slice(0, 200) }).toString()}`;
}

/** The core's reply as a report, or null when it breaks the contract. */
export function parseImportReport(value: unknown): AssetImportReport | null {
  const parsed = AssetImportReportSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

const StepLine = z.object({ progress: AssetImportStepSchema });

/** A line of the core's progress stream as the step it reports, or null when it reports none. */
export function readImportStep(line: unknown): AssetImportStep | null {
  const parsed = StepLine.safeParse(line);
  return parsed.success ? parsed.data.progress : null;
}

/** Whole percent sent so far, for the progress bar. */
export function readPercent(loaded: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((loaded / total) * 100)));
}

/** A rejected import's bad rows: all of them, how many the list names, and the good rows when the server counts. */
export interface ImportTally {
  bad: number;
  /** Null from a server that does not count the rows (the list is then all there is). */
  good: number | null;
  listed: number;
  /** Bad rows the list leaves out (the server names at most the first 200). */
  unlisted: number;
}

export function importTally(report: AssetImportReport): ImportTally {
  const listed = report.errors.length;
  // A file refused as a whole (no header, not CSV) has no bad row, only its one error.
  const bad = report.badRows !== undefined && report.badRows > 0 ? report.badRows : listed;
  return { bad, good: report.goodRows ?? null, listed, unlisted: Math.max(0, bad - listed) };
}
