import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../tests/netns/onvif-fixtures';
import { screenXml } from '../xml/guard';
import { parseSoap } from '../xml/parse';
import { clockOffsetMs, parseSystemDateAndTime, posixTzOffsetMs } from './clock';

const body = (file: string) => parseSoap(screenXml(fixture(file))).body;

describe('camera clock', () => {
  it('reads UTCDateTime from each vendor', () => {
    expect(parseSystemDateAndTime(body('onvif-nvt/axis/core/GetSystemDateAndTime.Response.xml'))).toEqual({
      utc: new Date('2018-02-27T23:09:59Z'),
      source: 'utc',
    });
    for (const vendor of ['hikvision', 'pelco']) {
      const clock = parseSystemDateAndTime(body(`onvif-nvt/${vendor}/core/GetSystemDateAndTime.Response.xml`));
      expect(clock.source).toBe('utc');
      expect(clock.utc?.getUTCFullYear()).toBe(2018);
    }
    expect(parseSystemDateAndTime(body('agsh-onvif/GetSystemDateAndTime.xml')).source).toBe('utc');
  });

  it('corrects LocalDateTime by the POSIX time zone when UTC is missing', () => {
    const local = {
      getSystemDateAndTimeResponse: {
        systemDateAndTime: {
          timeZone: { TZ: 'ICT-7' },
          localDateTime: { date: { year: 2026, month: 11, day: 27 }, time: { hour: 8, minute: 0, second: 0 } },
        },
      },
    };
    expect(parseSystemDateAndTime(local)).toEqual({ utc: new Date('2026-11-27T01:00:00Z'), source: 'local_tz' });
    expect(parseSystemDateAndTime({ getSystemDateAndTimeResponse: { systemDateAndTime: {} } }).source).toBe('none');
    expect(parseSystemDateAndTime('garbage')).toEqual({ utc: null, source: 'none' });
  });

  it('reads POSIX and GMT offsets', () => {
    expect(posixTzOffsetMs('CST-8')).toBe(8 * 3600_000);
    expect(posixTzOffsetMs('MST7MDT,M3.2.0,M11.1.0')).toBe(-7 * 3600_000);
    expect(posixTzOffsetMs('GMT+07:00')).toBe(7 * 3600_000);
    expect(posixTzOffsetMs('<+07>-7')).toBe(7 * 3600_000);
    expect(posixTzOffsetMs('???')).toBeNull();
  });

  it('measures the offset against the midpoint of the round trip', () => {
    const camera = new Date(10_000_000 + 3600_000);
    expect(clockOffsetMs(camera, 10_000_000 - 200, 10_000_000 + 200)).toBe(3600_000 + 500);
  });
});
