import { describe, expect, it } from 'vitest';
import { activeMaintenance, MaintenanceWindowSchema, windowOpenAt } from './maintenance';

const ms = (iso: string) => Date.parse(iso);

describe('maintenance windows', () => {
  const once = MaintenanceWindowSchema.parse({
    id: 'm1',
    label: 'Nâng cấp cổng DVC',
    sources: ['dvc-portal'],
    schedule: { kind: 'once', from: '2026-06-01T15:00:00Z', to: '2026-06-01T17:00:00Z' },
  });
  // Sundays 22:00–02:00 Vietnam time (15:00–19:00 UTC Sunday).
  const weekly = MaintenanceWindowSchema.parse({
    id: 'm2',
    label: 'Bảo trì định kỳ',
    domains: ['gov_systems'],
    schedule: { kind: 'weekly', days: [0], startMinute: 22 * 60, durationMinutes: 240 },
  });

  it('opens a one-off window at its start and closes it at its end', () => {
    expect(windowOpenAt(once, ms('2026-06-01T14:59:59Z'))).toBe(false);
    expect(windowOpenAt(once, ms('2026-06-01T15:00:00Z'))).toBe(true);
    expect(windowOpenAt(once, ms('2026-06-01T17:00:00Z'))).toBe(false);
  });

  it('reads weekly windows in Vietnam time, across midnight', () => {
    // 2026-06-07 is a Sunday.
    expect(windowOpenAt(weekly, ms('2026-06-07T14:59:00Z'))).toBe(false);
    expect(windowOpenAt(weekly, ms('2026-06-07T15:00:00Z'))).toBe(true);
    expect(windowOpenAt(weekly, ms('2026-06-07T18:30:00Z'))).toBe(true); // 01:30 Monday in Vietnam
    expect(windowOpenAt(weekly, ms('2026-06-07T19:00:00Z'))).toBe(false);
    expect(windowOpenAt(weekly, ms('2026-06-14T16:00:00Z'))).toBe(true);
    expect(windowOpenAt(weekly, ms('2026-06-10T16:00:00Z'))).toBe(false);
  });

  it('matches by source id or by domain', () => {
    const windows = [once, weekly];
    const at = ms('2026-06-01T16:00:00Z');
    expect(activeMaintenance(windows, { sourceId: 'dvc-portal', domain: null }, at)?.id).toBe('m1');
    expect(activeMaintenance(windows, { sourceId: 'idesk', domain: null }, at)).toBeNull();
    expect(
      activeMaintenance(windows, { sourceId: 'idesk', domain: 'gov_systems' }, ms('2026-06-07T16:00:00Z'))?.id,
    ).toBe('m2');
  });

  it('refuses a window that ends before it starts', () => {
    const bad = { ...once, schedule: { kind: 'once', from: '2026-06-01T17:00:00Z', to: '2026-06-01T15:00:00Z' } };
    expect(MaintenanceWindowSchema.safeParse(bad).success).toBe(false);
  });
});
