import { openZip, ZipError, type ZipArchive } from './zip';
import { scanXml, XmlScanError } from './xml-scan';

/**
 * The first worksheet of an XLSX workbook (ECMA-376 SpreadsheetML) as rows of cell values: shared strings,
 * inline strings, formula string results, numbers and booleans. Styles are not read, so a date typed as a date
 * comes out as its serial number. Row numbers are the spreadsheet's own, for error messages people can find.
 */
export type XlsxCell = string | number | boolean | null;

export interface XlsxRow {
  /** 1-based row number as the spreadsheet shows it. */
  row: number;
  /** By column (A = 0); gaps are null. */
  cells: XlsxCell[];
}

export interface XlsxLimits {
  maxRows: number;
  maxColumns: number;
}

export const XLSX_LIMITS: XlsxLimits = { maxRows: 200_000, maxColumns: 500 };

export class XlsxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxError';
  }
}

function part(zip: ZipArchive, name: string): string {
  const data = zip.read(name);
  if (!data) throw new XlsxError(`the workbook has no ${name}`);
  return data.toString('utf8');
}

/** "B12" → column 1; letters only, A…XFD. */
export function columnIndex(ref: string): number {
  const letters = /^([A-Z]{1,3})\d*$/.exec(ref)?.[1];
  if (!letters) throw new XlsxError(`bad cell reference "${ref.slice(0, 20)}"`);
  let n = 0;
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

/** A relationship target relative to xl/ (or absolute from the package root) as an entry name. */
function resolveTarget(target: string): string {
  const segments = target.startsWith('/') ? [] : ['xl'];
  for (const s of target.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segments.pop();
    else segments.push(s);
  }
  return segments.join('/');
}

function firstSheetPath(zip: ZipArchive): string {
  let relationId: string | null = null;
  scanXml(part(zip, 'xl/workbook.xml'), {
    open(name, attributes) {
      if (name === 'sheet' && relationId === null) relationId = attributes.id ?? null;
    },
  });
  if (relationId === null) throw new XlsxError('the workbook has no sheet');
  let target: string | null = null;
  scanXml(part(zip, 'xl/_rels/workbook.xml.rels'), {
    open(name, attributes) {
      if (name === 'Relationship' && attributes.Id === relationId) target = attributes.Target ?? null;
    },
  });
  if (target === null) throw new XlsxError('the first sheet has no part in the workbook');
  return resolveTarget(target);
}

/** Text runs of one string item (<si> or <is>), without phonetic guides (<rPh>). */
function stringCollector() {
  let depthInPhonetic = 0;
  let inText = false;
  let value = '';
  return {
    open(name: string) {
      if (name === 'rPh') depthInPhonetic++;
      else if (name === 't' && depthInPhonetic === 0) inText = true;
    },
    close(name: string) {
      if (name === 'rPh') depthInPhonetic--;
      else if (name === 't') inText = false;
    },
    text(t: string) {
      if (inText) value += t;
    },
    take() {
      const v = value;
      value = '';
      return v;
    },
  };
}

function sharedStrings(zip: ZipArchive): string[] {
  const data = zip.read('xl/sharedStrings.xml');
  if (!data) return [];
  const strings: string[] = [];
  const item = stringCollector();
  scanXml(data.toString('utf8'), {
    open: (name) => item.open(name),
    text: (t) => item.text(t),
    close(name) {
      if (name === 'si') strings.push(item.take());
      else item.close(name);
    },
  });
  return strings;
}

function readSheet(xml: string, strings: readonly string[], limits: XlsxLimits): XlsxRow[] {
  const rows: XlsxRow[] = [];
  let row: XlsxRow | null = null;
  let cell: { column: number; type: string; value: string; inValue: boolean } | null = null;
  const inline = stringCollector();

  const finishCell = () => {
    if (!row || !cell) return;
    const { type, value } = cell;
    let v: XlsxCell;
    if (type === 's') {
      const index = Number(value);
      if (value.trim() === '' || !Number.isInteger(index) || strings[index] === undefined)
        throw new XlsxError(`row ${row.row}: shared string ${value.slice(0, 20)} does not exist`);
      v = strings[index]!;
    } else if (type === 'inlineStr') v = inline.take();
    else if (type === 'b') v = value.trim() === '1';
    else if (type === 'str' || type === 'e' || type === 'd') v = value;
    else if (value.trim() === '') v = null;
    else {
      v = Number(value);
      if (!Number.isFinite(v)) throw new XlsxError(`row ${row.row}: "${value.slice(0, 20)}" is not a number`);
    }
    while (row.cells.length < cell.column) row.cells.push(null);
    row.cells[cell.column] = v;
    cell = null;
  };

  scanXml(xml, {
    open(name, attributes) {
      if (name === 'row') {
        const previous = rows.at(-1)?.row ?? 0;
        const number = attributes.r === undefined ? previous + 1 : Number(attributes.r);
        if (!Number.isInteger(number) || number <= previous || number > 1_048_576)
          throw new XlsxError(`row number ${String(attributes.r).slice(0, 20)} is out of order`);
        if (rows.length >= limits.maxRows) throw new XlsxError(`more than ${limits.maxRows} rows`);
        row = { row: number, cells: [] };
      } else if (name === 'c' && row) {
        const column = attributes.r === undefined ? row.cells.length : columnIndex(attributes.r);
        if (column < row.cells.length) throw new XlsxError(`row ${row.row}: cell ${attributes.r} is out of order`);
        if (column >= limits.maxColumns)
          throw new XlsxError(`row ${row.row}: column ${attributes.r} is past the ${limits.maxColumns}th`);
        cell = { column, type: attributes.t ?? 'n', value: '', inValue: false };
      } else if (cell) {
        if (name === 'v') cell.inValue = true;
        else inline.open(name);
      }
    },
    text(t) {
      if (cell?.inValue) cell.value += t;
      else if (cell) inline.text(t);
    },
    close(name) {
      if (name === 'row' && row) {
        rows.push(row);
        row = null;
      } else if (name === 'c') finishCell();
      else if (cell) {
        if (name === 'v') cell.inValue = false;
        else inline.close(name);
      }
    },
  });
  return rows;
}

/** Throws XlsxError with a message fit for the person importing (not a ZIP, a zip bomb, a damaged part…). */
export function readFirstSheet(file: Buffer, limits: XlsxLimits = XLSX_LIMITS): XlsxRow[] {
  try {
    const zip = openZip(file);
    const path = firstSheetPath(zip);
    return readSheet(part(zip, path), sharedStrings(zip), limits);
  } catch (error) {
    if (error instanceof ZipError || error instanceof XmlScanError) throw new XlsxError(error.message);
    throw error;
  }
}
