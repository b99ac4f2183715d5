import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../store';
import { createCameraReportQueue, type NewCameraReport } from './camera-report-queue';

function database(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  for (const m of MIGRATIONS) m.up(db);
  return db;
}

const report = (i: number): NewCameraReport => ({
  cameraId: `cam-${i}`,
  cameraName: 'Cổng chợ',
  kind: 'offline',
  active: i % 2 === 0,
  at: new Date(Date.UTC(2026, 10, 27, 1, 0, i)).toISOString(),
  location: i === 1 ? { lat: 10.46, lon: 105.63 } : null,
});

describe('camera report queue', () => {
  it('hands out reports in order with their numbers and this database’s origin, and forgets the sent ones', () => {
    const queue = createCameraReportQueue(database());
    for (let i = 1; i <= 3; i++) queue.add({ ...report(i), cameraKey: i === 2 ? 'onvif:hikvision/ds-2cd/sn-2' : null });
    const { batch, lastSeq } = queue.nextBatch(2);
    expect(batch?.origin).toBe(queue.origin);
    expect(batch?.reports).toMatchObject([
      { seq: 1, cameraId: 'cam-1', active: false, location: { lat: 10.46, lon: 105.63 } },
      { seq: 2, cameraId: 'cam-2', active: true, location: null, cameraKey: 'onvif:hikvision/ds-2cd/sn-2' },
    ]);
    expect(batch?.reports[0]).not.toHaveProperty('cameraKey');
    expect(lastSeq).toBe(2);
    queue.sent(lastSeq);
    expect(queue.waiting()).toBe(1);
    expect(queue.nextBatch(10).batch?.reports.map((r) => r.seq)).toEqual([3]);
  });

  it('drops the oldest reports beyond its cap, and numbers on without reuse', () => {
    const queue = createCameraReportQueue(database(), 5);
    const dropped = Array.from({ length: 8 }, (_, i) => queue.add(report(i + 1)));
    expect(dropped.reduce((a, b) => a + b, 0)).toBe(3);
    expect(queue.waiting()).toBe(5);
    expect(queue.nextBatch(10).batch?.reports.map((r) => r.seq)).toEqual([4, 5, 6, 7, 8]);
    queue.sent(8);
    queue.add(report(9));
    expect(queue.nextBatch(10).batch?.reports.map((r) => r.seq)).toEqual([9]);
  });
});
