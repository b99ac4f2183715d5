import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPLIT_SLICE_CHARS, splitCsv } from '../../src-server/ingest/assets/csv';
import { parseCsvWhole } from './csv-split-whole';

/** Characters that move the splitter's state, Vietnamese letters, a surrogate pair and stray BOMs. */
const SOUP = [',', ';', '"', '""', '\r', '\n', '\r\n', 'a', 'Đ', 'ường', 'Nguyễn Huệ', ' ', '\ufeff', '😀', '1,5'];

/** Anything at all from those pieces: unclosed quotes, text after a closing quote, bare CRs. */
const soup = fc.array(fc.constantFrom(...SOUP), { maxLength: 80 }).map((parts) => parts.join(''));

const plainField = fc
  .array(fc.constantFrom('a', 'Đ', 'ệ', 'Phường 1', '10.46', '10,46', ' ', '"', '😀'), { maxLength: 4 })
  // A quote is text inside an unquoted field, but opens a quoted one at its start.
  .map((parts) => parts.join('').replace(/^"/, 'x'));
const quotedField = fc
  .array(fc.constantFrom('a', 'Đ', ',', ';', '""', '\n', '\r\n', '\r', ' ', 'Trạm "A"'.replace(/"/g, '""')), {
    maxLength: 6,
  })
  .map((parts) => `"${parts.join('')}"`);

/** Well-formed registers: `,` or `;`, LF or CRLF, quoted fields with quotes and line breaks, maybe a BOM. */
const register = fc
  .record({
    bom: fc.boolean(),
    delimiter: fc.constantFrom(',', ';'),
    eol: fc.constantFrom('\n', '\r\n'),
    trailingEol: fc.boolean(),
    // The delimiter is read from the first line: a plain header of two columns or more.
    header: fc.array(fc.constantFrom('id', 'kind', 'name', 'lat', 'lon', 'ward', 'tên trạm'), {
      minLength: 2,
      maxLength: 5,
    }),
    rows: fc.array(fc.array(fc.oneof(plainField, quotedField), { minLength: 1, maxLength: 5 }), { maxLength: 12 }),
  })
  .map(
    ({ bom, delimiter, eol, trailingEol, header, rows }) =>
      (bom ? '\ufeff' : '') + [header, ...rows].map((r) => r.join(delimiter)).join(eol) + (trailingEol ? eol : ''),
  );

async function splitInSlices(text: string, sliceChars: number) {
  let pauses = 0;
  const result = await splitCsv(
    text,
    async () => {
      pauses++;
    },
    sliceChars,
  );
  return { result, pauses };
}

describe('the CSV splitter, sliced', () => {
  it('splits any text exactly as the whole-text splitter did, whatever the slice size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(soup, register), fc.integer({ min: 1, max: 40 }), async (text, sliceChars) => {
        const { result, pauses } = await splitInSlices(text, sliceChars);
        expect(result).toEqual(parseCsvWhole(text));
        // Slices of at least `sliceChars` characters: one pause fewer than the slices.
        expect(pauses).toBeLessThanOrEqual(Math.max(0, Math.ceil(text.length / sliceChars) - 1));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives well-formed registers the same records, the errors none', async () => {
    await fc.assert(
      fc.asyncProperty(register, fc.integer({ min: 1, max: 40 }), async (text, sliceChars) => {
        const { result } = await splitInSlices(text, sliceChars);
        expect(result.ok).toBe(true);
        expect(result).toEqual(parseCsvWhole(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('pauses between slices, and by default lets the event loop turn while it splits', async () => {
    const row = '"Trạm ""A""\r\nbờ kè",flood_gauge,10.46\r\n';
    const text = `id,kind,lat\r\n${row.repeat(Math.ceil((3 * SPLIT_SLICE_CHARS) / row.length))}`;
    const { result, pauses } = await splitInSlices(text, SPLIT_SLICE_CHARS);
    expect(pauses).toBe(Math.ceil(text.length / SPLIT_SLICE_CHARS) - 1);
    expect(result).toEqual(parseCsvWhole(text));
    // Something else scheduled on the loop runs before the split ends.
    let turns = 0;
    let done = false;
    const turn = () => {
      if (done) return;
      turns++;
      setImmediate(turn);
    };
    setImmediate(turn);
    const split = splitCsv(text).then((r) => {
      done = true;
      return r;
    });
    expect(turns).toBe(0);
    expect(await split).toEqual(result);
    expect(turns).toBeGreaterThanOrEqual(pauses);
  });
});
