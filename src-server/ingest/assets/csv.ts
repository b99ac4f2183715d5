export interface CsvRecord {
  /** 1-based line where the record starts (quoted fields may span lines). */
  line: number;
  fields: string[];
}

export type CsvResult =
  | { ok: true; records: CsvRecord[]; delimiter: ',' | ';' }
  | { ok: false; line: number; message: string };

/** Awaited between two slices of the text: the server answers other requests while a large register is split. */
export type Pause = () => Promise<void>;

const nextTurn: Pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Characters split in one turn of the event loop. A 20 MB register is ~80 slices; each takes a few milliseconds,
 * where splitting 100,000 rows in one go held the loop for half a second.
 */
export const SPLIT_SLICE_CHARS = 256 * 1024;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

const isBoundary = (code: number, delimiterCode: number) => code === delimiterCode || code === CR || code === LF;

/** Spreadsheets in Vietnamese locales export with `;` (the comma is the decimal separator): detect it from the header. */
function detectDelimiter(text: string): ',' | ';' {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return header.split(';').length > header.split(',').length ? ';' : ',';
}

/**
 * RFC 4180: quoted fields with "" escapes and line breaks, CRLF or LF, a UTF-8 BOM dropped. Split in slices of
 * `sliceChars` characters with `pause()` awaited between them; a field or record may straddle two slices.
 */
export async function splitCsv(
  input: string,
  pause: Pause = nextTurn,
  sliceChars = SPLIT_SLICE_CHARS,
): Promise<CsvResult> {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const delimiterCode = delimiter.charCodeAt(0);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let i = 0;
  let sliceEnd = sliceChars;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    if (i >= sliceEnd) {
      await pause();
      sliceEnd = i + sliceChars;
    }
    const end = Math.min(sliceEnd, text.length);
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        if (i < text.length) {
          const next = text.charCodeAt(i);
          if (next !== delimiterCode && next !== LF && next !== CR)
            return { ok: false, line, message: 'text after a closing quote' };
        }
        continue;
      }
      // The quoted text up to the next quote (or the slice's end), line breaks and delimiters included.
      let j = i;
      while (j < end && text.charCodeAt(j) !== QUOTE) {
        if (text.charCodeAt(j) === LF) line++;
        j++;
      }
      field += text.slice(i, j);
      i = j;
      continue;
    }
    if (c === QUOTE && field === '') {
      quoted = true;
      i++;
    } else if (c === delimiterCode) {
      fields.push(field);
      field = '';
      i++;
    } else if (c === CR || c === LF) {
      endRecord();
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      // Unquoted text up to the next delimiter or line break (or the slice's end); a quote inside it is text.
      let j = i + 1;
      while (j < end && !isBoundary(text.charCodeAt(j), delimiterCode)) j++;
      field += text.slice(i, j);
      i = j;
    }
  }
  if (quoted) return { ok: false, line: recordLine, message: 'a quoted field is never closed' };
  if (field !== '' || fields.length > 0) endRecord();
  return { ok: true, records, delimiter };
}
