import { describe, expect, it } from 'vitest';
import type { Layout, Tour } from '../../../src-shared/contract/layouts';
import { parseSource, sourceExists, sourceValue } from './displaySource';

const layouts = [{ id: 'l1' }] as Layout[];
const tours = [{ id: 't1' }] as Tour[];

describe('display sources', () => {
  it('round-trips through the select value', () => {
    expect(parseSource(sourceValue({ kind: 'layout', layoutId: 'l1' }))).toEqual({ kind: 'layout', layoutId: 'l1' });
    expect(parseSource(sourceValue({ kind: 'tour', tourId: 't:1' }))).toEqual({ kind: 'tour', tourId: 't:1' });
    expect(parseSource(sourceValue(null))).toBeNull();
    expect(parseSource('layout:')).toBeNull();
  });

  it('tells a layout or tour deleted elsewhere from one that exists', () => {
    expect(sourceExists({ kind: 'layout', layoutId: 'l1' }, layouts, tours)).toBe(true);
    expect(sourceExists({ kind: 'layout', layoutId: 'gone' }, layouts, tours)).toBe(false);
    expect(sourceExists({ kind: 'tour', tourId: 't1' }, layouts, tours)).toBe(true);
    expect(sourceExists({ kind: 'tour', tourId: 'l1' }, layouts, tours)).toBe(false);
  });
});
