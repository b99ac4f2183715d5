export type ByteRange = { readonly start: number; readonly end: number };

/**
 * Parses a single-range `Range: bytes=...` header against a file of `size` bytes (end inclusive).
 * Returns null when the header is absent or not something we honour (multi-range, other units): the caller
 * then serves the whole file, which RFC 9110 allows. Returns 'unsatisfiable' for a range outside the file.
 */
export function parseByteRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | null {
  if (header === null) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;

  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return null;
  return { start, end };
}
