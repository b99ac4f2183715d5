import { describe, expect, it } from 'vitest';
import { snapshotFileName } from './snapshot';
import { NO_ZOOM, panBy, zoomAt, zoomTransform } from './zoom';

describe('snapshot file name', () => {
  it('uses the camera name and Vietnam time as dd-MM-yyyy HH-mm-ss', () => {
    // 17:30:05 UTC on 31/12 is already 00:30:05 on 1 January in Vietnam.
    expect(snapshotFileName('Chợ Cao Lãnh – cổng chính', new Date('2026-12-31T17:30:05Z'))).toBe(
      'Chợ Cao Lãnh – cổng chính 01-01-2027 00-30-05.png',
    );
  });

  it('takes out what file systems refuse', () => {
    expect(snapshotFileName('Ngã tư A/B: "cổng" <1>?', new Date('2025-01-02T03:04:05Z'))).toBe(
      'Ngã tư A B cổng 1 02-01-2025 10-04-05.png',
    );
    expect(snapshotFileName('///', new Date('2025-01-02T03:04:05Z'))).toBe('camera 02-01-2025 10-04-05.png');
  });
});

describe('digital zoom', () => {
  it('zooms about the cursor and keeps the picture covering the tile', () => {
    const z = zoomAt(NO_ZOOM, 2, 100, 50, 200, 100);
    expect(z).toEqual({ scale: 2, x: -100, y: -50 });
    // The point under the cursor stays put: (100 - x) / scale is the same picture point.
    expect((100 - z.x) / z.scale).toBe(100);
    expect(zoomAt(NO_ZOOM, 2, 0, 0, 200, 100)).toEqual({ scale: 2, x: 0, y: 0 });
    expect(zoomAt(z, 0.1, 10, 10, 200, 100)).toEqual(NO_ZOOM);
    expect(zoomAt(NO_ZOOM, 100, 0, 0, 200, 100).scale).toBe(8);
  });

  it('pans only within the picture', () => {
    const z = zoomAt(NO_ZOOM, 2, 0, 0, 200, 100);
    expect(panBy(z, -50, -20, 200, 100)).toEqual({ scale: 2, x: -50, y: -20 });
    expect(panBy(z, -500, 500, 200, 100)).toEqual({ scale: 2, x: -200, y: 0 });
    expect(panBy(NO_ZOOM, 30, 30, 200, 100)).toEqual(NO_ZOOM);
    expect(zoomTransform(NO_ZOOM)).toBe('none');
    expect(zoomTransform({ scale: 2, x: -5, y: 0 })).toBe('translate(-5px, 0px) scale(2)');
  });
});
