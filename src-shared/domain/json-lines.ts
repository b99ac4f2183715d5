/** The media type of a reply sent as one JSON value per line (NDJSON). */
export const JSON_LINES_TYPE = 'application/x-ndjson';

export type JsonLine = { ok: true; value: unknown } | { ok: false; text: string };

/**
 * Splits a reply's text, fed as it grows, into its complete JSON lines; the part after the last newline waits for
 * the rest. `end()` reads that part too, once the reply is whole.
 */
export function createJsonLineReader() {
  let pending = '';
  const read = (text: string): JsonLine => {
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
      return { ok: false, text: text.slice(0, 200) };
    }
  };
  return {
    push(chunk: string): JsonLine[] {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      return lines.filter((line) => line.trim() !== '').map(read);
    },
    end(): JsonLine[] {
      const last = pending;
      pending = '';
      return last.trim() === '' ? [] : [read(last)];
    },
  };
}
