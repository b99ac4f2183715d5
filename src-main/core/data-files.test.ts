import { describe, expect, it } from 'vitest';
import { parseRange } from './data-files';

describe('parseRange', () => {
  it('reads one byte range in each of its forms', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
  });
  it('refuses ranges it cannot satisfy', () => {
    for (const header of [
      'bytes=100-',
      'bytes=5-1',
      'bytes=-0',
      'bytes=-',
      'items=0-1',
      'bytes=0-1,5-6',
      'bytes=abc',
    ]) {
      expect(parseRange(header, 100), header).toBe('unsatisfiable');
    }
  });
});
