import { describe, expect, it } from 'vitest';
import { REPORT_EVERY_MS, reportDue } from './frameReport';

describe('when the WebCodecs worker reports drawn pictures to the page', () => {
  it('reports the first picture at once', () => {
    expect(reportDue({ now: 5, lastAt: null, sizeChanged: false })).toBe(true);
  });

  it('batches the pictures that follow', () => {
    expect(reportDue({ now: 1000 + REPORT_EVERY_MS - 1, lastAt: 1000, sizeChanged: false })).toBe(false);
    expect(reportDue({ now: 1000 + REPORT_EVERY_MS, lastAt: 1000, sizeChanged: false })).toBe(true);
  });

  it('reports a new picture size at once', () => {
    expect(reportDue({ now: 1001, lastAt: 1000, sizeChanged: true })).toBe(true);
  });
});
