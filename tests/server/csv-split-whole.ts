// The CSV splitter as it was before it was sliced (src-server/ingest/assets/csv.ts at ea77555): the whole text
// in one synchronous pass. Kept as the reference the sliced splitter must equal (tests/server/assets-csv-split.test.ts)
// and as the baseline arm of tests/bench/csv-split.bench.ts.
import type { CsvRecord, CsvResult } from '../../src-server/ingest/assets/csv';

/** Spreadsheets in Vietnamese locales export with `;` (the comma is the decimal separator): detect it from the header. */
function detectDelimiter(text: string): ',' | ';' {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return header.split(';').length > header.split(',').length ? ';' : ',';
}

/** RFC 4180: quoted fields with "" escapes and line breaks, CRLF or LF, a UTF-8 BOM dropped. */
export function parseCsvWhole(input: string): CsvResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
          return { ok: false, line, message: 'text after a closing quote' };
        }
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) return { ok: false, line: recordLine, message: 'a quoted field is never closed' };
  if (field !== '' || fields.length > 0) endRecord();
  return { ok: true, records, delimiter };
}
