import type { AssetRowErrorCode } from '../../../src-shared/contract/alerts';

export type RowErrorParams = Record<string, string | number>;

export interface RowError {
  /** CSV: the line in the file; XLSX: the sheet's row; GeoJSON: the feature's position (1-based); 0: the whole file. */
  line: number;
  code: AssetRowErrorCode;
  params?: RowErrorParams;
  /** English, for logs and API clients; the workstation words the code itself. */
  message: string;
}

const ENGLISH: Record<AssetRowErrorCode, (p: RowErrorParams) => string> = {
  bad_id: (p) => `id "${p.id}" must be 1–200 letters, digits or _ . : - /`,
  repeated_id: (p) => `id ${p.id} repeats line ${p.earlier}`,
  bad_kind: (p) => `kind "${p.kind}" must be one of ${p.kinds}`,
  name_required: () => 'name is required (at most 200 characters)',
  coords_not_numbers: () => 'lat and lon must be decimal numbers',
  coords_half: () => 'give both lat and lon, or neither',
  lat_range: (p) => `lat ${p.value} is outside −90…90`,
  lon_range: (p) => `lon ${p.value} is outside −180…180`,
  missing_columns: (p) => `missing column(s): ${p.columns}`,
  value_past_header: (p) => `a value past the last of the ${p.columns} header columns`,
  wrong_width: (p) => `${p.fields} fields where the header has ${p.columns}`,
  csv_syntax: (p) => String(p.detail),
  empty_file: () => 'the file is empty',
  empty_sheet: () => 'the first sheet is empty',
  not_xlsx: (p) => `not a usable XLSX workbook: ${p.detail}`,
  not_json: (p) => `not JSON: ${p.detail}`,
  not_geojson: () => 'not a GeoJSON FeatureCollection',
  bad_feature: () => 'each feature needs a Point geometry (or null) and properties',
  no_rows: () => 'no rows to import',
  write_failed: (p) => `nothing was imported: ${p.detail}`,
};

export function rowError(line: number, code: AssetRowErrorCode, params?: RowErrorParams): RowError {
  return { line, code, ...(params ? { params } : {}), message: ENGLISH[code](params ?? {}) };
}
