import { type AssetImportFormat, MAX_ASSET_IMPORT_BYTES } from '../../../src-shared/contract/alerts';

const EXTENSIONS: Record<string, AssetImportFormat> = { csv: 'csv', xlsx: 'xlsx', geojson: 'geojson', json: 'geojson' };

/** What the file picker offers. */
export const ASSET_IMPORT_ACCEPT = '.csv,.xlsx,.geojson,.json';

export type ImportFileCheck =
  | { ok: true; format: AssetImportFormat }
  | { ok: false; reason: 'unsupportedType' | 'empty' | 'tooLarge' };

/** The register's format from its extension, and whether it fits one import. */
export function checkImportFile(fileName: string, size: number): ImportFileCheck {
  const extension = /\.([^.]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  const format = EXTENSIONS[extension];
  if (!format) return { ok: false, reason: 'unsupportedType' };
  if (size === 0) return { ok: false, reason: 'empty' };
  if (size > MAX_ASSET_IMPORT_BYTES) return { ok: false, reason: 'tooLarge' };
  return { ok: true, format };
}

/** The base64 part of a FileReader data URL (`data:<type>;base64,<payload>`), or null if it is not one. */
export function base64OfDataUrl(dataUrl: string): string | null {
  const match = /^data:[^,]*;base64,([A-Za-z0-9+/]*={0,2})$/.exec(dataUrl);
  return match ? match[1]! : null;
}

/** Whole percent read so far, for the progress bar. */
export function readPercent(loaded: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((loaded / total) * 100)));
}
