import { z } from 'zod';
import { ASSET_KINDS, type AssetKind } from '../models';
import { splitCsv } from './csv';
import { rowError, type RowError } from './row-error';
import { readFirstSheet, XlsxError, type XlsxCell, type XlsxRow } from './xlsx';

export interface AssetRow {
  line: number;
  id: string;
  kind: AssetKind;
  name: string;
  lon: number | null;
  lat: number | null;
  ward: string | null;
  properties: Record<string, string | number | boolean | null>;
}

export type { RowError } from './row-error';

/** `errors` names at most the first MAX_ERRORS bad rows; `badRows` counts them all. */
export type RegisterParse = { rows: AssetRow[]; errors: RowError[]; badRows: number };

/**
 * Told of the rows checked so far (and how many of them are bad), every CHECKPOINT_ROWS rows and at the end.
 * Awaited: the caller may yield to the event loop there, so a large register is checked in slices and its progress
 * reaches the workstation as it moves.
 */
export type ParseProgress = (done: number, total: number, bad: number) => void | Promise<void>;

const CHECKPOINT_ROWS = 500;

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:\-/]{0,199}$/;
const REQUIRED = ['id', 'kind', 'name'] as const;
const KNOWN = new Set(['id', 'kind', 'name', 'lat', 'lon', 'lng', 'long', 'ward']);
const MAX_ERRORS = 200;

function number(text: string, decimalComma: boolean): number | null | 'bad' {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(decimalComma ? t.replace(',', '.') : t);
  return Number.isFinite(n) ? n : 'bad';
}

function checkRow(
  line: number,
  values: {
    id: unknown;
    kind: unknown;
    name: unknown;
    lat: number | null | 'bad';
    lon: number | null | 'bad';
    ward: unknown;
  },
  properties: AssetRow['properties'],
  seen: Map<string, number>,
): AssetRow | RowError {
  const id = typeof values.id === 'string' ? values.id.trim() : typeof values.id === 'number' ? String(values.id) : '';
  if (!ID.test(id)) return rowError(line, 'bad_id', { id: id.slice(0, 60) });
  const earlier = seen.get(id);
  if (earlier !== undefined) return rowError(line, 'repeated_id', { id, earlier });
  const kind = typeof values.kind === 'string' ? values.kind.trim() : '';
  if (!ASSET_KINDS.some((k) => k === kind))
    return rowError(line, 'bad_kind', { kind: kind.slice(0, 40), kinds: ASSET_KINDS.join(', ') });
  const name = typeof values.name === 'string' ? values.name.trim() : '';
  if (name === '' || name.length > 200) return rowError(line, 'name_required');
  const { lat, lon } = values;
  if (lat === 'bad' || lon === 'bad') return rowError(line, 'coords_not_numbers');
  if ((lat === null) !== (lon === null)) return rowError(line, 'coords_half');
  if (lat !== null && (lat < -90 || lat > 90)) return rowError(line, 'lat_range', { value: lat });
  if (lon !== null && (lon < -180 || lon > 180)) return rowError(line, 'lon_range', { value: lon });
  const ward = typeof values.ward === 'string' && values.ward.trim() ? values.ward.trim().slice(0, 200) : null;
  seen.set(id, line);
  return { line, id, kind: kind as AssetKind, name, lat, lon, ward, properties };
}

function collect(result: AssetRow | RowError, out: RegisterParse): void {
  if ('code' in result) {
    out.badRows++;
    if (out.errors.length < MAX_ERRORS) out.errors.push(result);
  } else out.rows.push(result);
}

interface TableRecord {
  line: number;
  fields: string[];
}

/**
 * Rows under a header row: id, kind, name, lat, lon, ward, then any other columns (kept as properties). CSV and
 * XLSX registers both come through here. Every bad row is reported by its line; the caller imports nothing unless
 * there are none.
 */
async function parseTable(
  header: TableRecord,
  records: readonly TableRecord[],
  options: { decimalComma: boolean; ragged: boolean },
  onProgress: ParseProgress,
): Promise<RegisterParse & { total: number }> {
  const out: RegisterParse = { rows: [], errors: [], badRows: 0 };
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    return {
      ...out,
      errors: [rowError(header.line, 'missing_columns', { columns: missing.join(', ') })],
      total: records.length,
    };
  const at = (name: string) => columns.indexOf(name);
  const lonColumn = ['lon', 'lng', 'long'].map(at).find((i) => i >= 0) ?? -1;
  const seen = new Map<string, number>();
  await onProgress(0, records.length, 0);
  for (const [index, record] of records.entries()) {
    // A spreadsheet leaves empty trailing cells out; a CSV row must have every field.
    const wrongWidth = options.ragged
      ? record.fields.slice(columns.length).some((f) => f !== '')
      : record.fields.length !== columns.length;
    if (wrongWidth) {
      collect(
        options.ragged
          ? rowError(record.line, 'value_past_header', { columns: columns.length })
          : rowError(record.line, 'wrong_width', { fields: record.fields.length, columns: columns.length }),
        out,
      );
    } else {
      const get = (i: number) => (i >= 0 ? (record.fields[i] ?? '') : '');
      const properties: AssetRow['properties'] = {};
      columns.forEach((c, i) => {
        if (!KNOWN.has(c) && c !== '')
          Object.defineProperty(properties, c.slice(0, 64), { value: get(i).slice(0, 1000), enumerable: true });
      });
      collect(
        checkRow(
          record.line,
          {
            id: get(at('id')),
            kind: get(at('kind')),
            name: get(at('name')),
            lat: number(get(at('lat')), options.decimalComma),
            lon: number(get(lonColumn), options.decimalComma),
            ward: get(at('ward')),
          },
          properties,
          seen,
        ),
        out,
      );
    }
    if ((index + 1) % CHECKPOINT_ROWS === 0) await onProgress(index + 1, records.length, out.badRows);
  }
  await onProgress(records.length, records.length, out.badRows);
  return { ...out, total: records.length };
}

/** An asset register as CSV (`,` or `;`, whose decimal separator is then the comma), errors by line. */
export async function parseCsvRegister(
  text: string,
  onProgress: ParseProgress,
): Promise<RegisterParse & { total: number }> {
  const parsed = await splitCsv(text);
  if (!parsed.ok)
    return {
      rows: [],
      badRows: 0,
      errors: [rowError(parsed.line, 'csv_syntax', { detail: parsed.message })],
      total: 0,
    };
  const [header, ...records] = parsed.records;
  if (!header) return { rows: [], badRows: 0, errors: [rowError(1, 'empty_file')], total: 0 };
  return parseTable(header, records, { decimalComma: parsed.delimiter === ';', ragged: false }, onProgress);
}

const cellText = (cell: XlsxCell): string =>
  cell === null ? '' : typeof cell === 'boolean' ? (cell ? 'true' : 'false') : String(cell);

/**
 * An asset register as the first sheet of an XLSX workbook, with the same columns as the CSV; errors by the
 * spreadsheet's row number. Empty rows are skipped. A file that is not a workbook (or a zip bomb) is one error
 * on line 0, the file as a whole.
 */
export async function parseXlsxRegister(
  file: Buffer,
  onProgress: ParseProgress,
): Promise<RegisterParse & { total: number }> {
  let sheet: XlsxRow[];
  try {
    sheet = readFirstSheet(file);
  } catch (error) {
    if (!(error instanceof XlsxError)) throw error;
    return {
      rows: [],
      badRows: 0,
      errors: [rowError(0, 'not_xlsx', { detail: error.message.slice(0, 300) })],
      total: 0,
    };
  }
  const records = sheet
    .map((r) => ({ line: r.row, fields: r.cells.map(cellText) }))
    .filter((r) => r.fields.some((f) => f.trim() !== ''));
  const [header, ...rows] = records;
  if (!header) return { rows: [], badRows: 0, errors: [rowError(1, 'empty_sheet')], total: 0 };
  return parseTable(header, rows, { decimalComma: false, ragged: true }, onProgress);
}

const FeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.unknown()).max(200_000),
});

const PointFeature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: z
    .object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]).rest(z.number()) })
    .nullable(),
  properties: z.record(z.string(), z.unknown()).nullable(),
});

/** A GeoJSON FeatureCollection of Points whose properties carry id (or the feature's id), kind, name, ward. */
export async function parseGeoJsonRegister(
  text: string,
  onProgress: ParseProgress,
): Promise<RegisterParse & { total: number }> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      rows: [],
      badRows: 0,
      errors: [rowError(1, 'not_json', { detail: error instanceof Error ? error.message.slice(0, 300) : '' })],
      total: 0,
    };
  }
  const fc = FeatureCollection.safeParse(json);
  if (!fc.success) return { rows: [], badRows: 0, errors: [rowError(1, 'not_geojson')], total: 0 };
  const out: RegisterParse = { rows: [], errors: [], badRows: 0 };
  const seen = new Map<string, number>();
  const total = fc.data.features.length;
  await onProgress(0, total, 0);
  for (const [index, f] of fc.data.features.entries()) {
    const line = index + 1;
    const feature = PointFeature.safeParse(f);
    if (!feature.success) {
      collect(rowError(line, 'bad_feature'), out);
    } else {
      const p = feature.data.properties ?? {};
      const properties: AssetRow['properties'] = {};
      for (const [k, v] of Object.entries(p)) {
        if (KNOWN.has(k.toLowerCase())) continue;
        const value =
          typeof v === 'string'
            ? v.slice(0, 1000)
            : typeof v === 'number' || typeof v === 'boolean' || v === null
              ? v
              : JSON.stringify(v).slice(0, 1000);
        Object.defineProperty(properties, k.slice(0, 64), { value, enumerable: true });
      }
      const [lon, lat] = feature.data.geometry?.coordinates ?? [null, null];
      collect(
        checkRow(
          line,
          { id: p.id ?? feature.data.id, kind: p.kind, name: p.name, lat, lon, ward: p.ward },
          properties,
          seen,
        ),
        out,
      );
    }
    if (line % CHECKPOINT_ROWS === 0) await onProgress(line, total, out.badRows);
  }
  await onProgress(total, total, out.badRows);
  return { ...out, total };
}
