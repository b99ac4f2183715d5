import { describe, expect, test } from 'vitest';
import { clockLatencyMs, parseClock } from './wall-clock';

describe('reading the burnt-in clock', () => {
  test('HH:MM:SS.mmm as tesseract prints it, with stray characters around it', () => {
    expect(parseClock('12:46:29.326')).toBe(((12 * 60 + 46) * 60 + 29) * 1000 + 326);
    expect(parseClock('112:46:32.915\n')).toBe(((12 * 60 + 46) * 60 + 32) * 1000 + 915);
    expect(parseClock('12.46.29:326')).toBe(((12 * 60 + 46) * 60 + 29) * 1000 + 326);
  });

  test('a missing separator or an impossible field is unreadable, not a time', () => {
    expect(parseClock('13:21 55 .895')).toBeNull();
    expect(parseClock('19..279')).toBeNull();
    expect(parseClock('25:00:00.000')).toBeNull();
    expect(parseClock('12:60:00.000')).toBeNull();
    expect(parseClock('')).toBeNull();
  });

  test('latency is host time in UTC+7 minus the burnt time, across midnight', () => {
    const host = Date.UTC(2026, 10, 27, 5, 0, 0, 250); // 12:00:00.250 in Hồ Chí Minh City
    expect(clockLatencyMs(host, parseClock('12:00:00.000')!)).toBe(250);
    expect(clockLatencyMs(host, parseClock('12:00:00.400')!)).toBe(-150);
    const justAfterMidnight = Date.UTC(2026, 10, 27, 17, 0, 0, 100); // 00:00:00.100 on the 28th, UTC+7
    expect(clockLatencyMs(justAfterMidnight, parseClock('23:59:59.900')!)).toBe(200);
  });
});
