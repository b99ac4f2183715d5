import { z } from 'zod';

const Part = z.coerce.number().int();
const DateTime = z.object({
  date: z.object({ year: Part, month: Part, day: Part }),
  time: z.object({ hour: Part, minute: Part, second: Part }),
});
const SystemDateAndTime = z.object({
  UTCDateTime: DateTime.optional(),
  localDateTime: DateTime.optional(),
  timeZone: z.object({ TZ: z.coerce.string().optional() }).optional(),
});
const Response = z.object({
  getSystemDateAndTimeResponse: z.object({ systemDateAndTime: SystemDateAndTime }),
});

export interface CameraClock {
  /** The camera's time as UTC, or null when it did not say (GWell firmware sends no DateTime at all). */
  utc: Date | null;
  /** How it was read: UTCDateTime, or LocalDateTime corrected by the POSIX TZ, or LocalDateTime as-is. */
  source: 'utc' | 'local_tz' | 'local' | 'none';
}

/** Reads a flattened GetSystemDateAndTimeResponse body. */
export function parseSystemDateAndTime(body: unknown): CameraClock {
  const parsed = Response.safeParse(body);
  if (!parsed.success) return { utc: null, source: 'none' };
  const sdt = parsed.data.getSystemDateAndTimeResponse.systemDateAndTime;
  if (sdt.UTCDateTime) return { utc: toDate(sdt.UTCDateTime), source: 'utc' };
  if (!sdt.localDateTime) return { utc: null, source: 'none' };
  const local = toDate(sdt.localDateTime);
  const offsetMs = sdt.timeZone?.TZ ? posixTzOffsetMs(sdt.timeZone.TZ) : null;
  if (local === null) return { utc: null, source: 'none' };
  // The onvif library reads LocalDateTime as UTC: a time-zone-sized skew (7 h here in Vietnam).
  return offsetMs === null
    ? { utc: local, source: 'local' }
    : { utc: new Date(local.getTime() - offsetMs), source: 'local_tz' };
}

function toDate(dt: z.output<typeof DateTime>): Date | null {
  const ms = Date.UTC(dt.date.year, dt.date.month - 1, dt.date.day, dt.time.hour, dt.time.minute, dt.time.second);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

/**
 * Standard-time offset east of UTC of a POSIX TZ string such as `CST-8` or `ICT-7` or `GMT+07:00`. POSIX
 * writes the offset west of UTC (`ICT-7` is UTC+7); many cameras write `GMT+07:00` meaning UTC+7.
 */
export function posixTzOffsetMs(tz: string): number | null {
  const gmt = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?/i.exec(tz.trim());
  if (gmt) {
    const minutes = Number(gmt[2]) * 60 + Number(gmt[3] ?? 0);
    return (gmt[1] === '-' ? -1 : 1) * minutes * 60_000;
  }
  const posix = /^(?:[A-Za-z]{3,}|<[^>]+>)([+-]?)(\d{1,2})(?::(\d{2}))?/.exec(tz.trim());
  if (!posix) return null;
  const minutes = Number(posix[2]) * 60 + Number(posix[3] ?? 0);
  return (posix[1] === '-' ? 1 : -1) * minutes * 60_000;
}

/**
 * Offset camera − local, from a reading taken between `sentAt` and `receivedAt` (our clock). The camera
 * reports whole seconds, so the midpoint of the round trip is as good as it gets.
 */
export function clockOffsetMs(camera: Date, sentAt: number, receivedAt: number): number {
  return Math.round(camera.getTime() + 500 - (sentAt + receivedAt) / 2);
}
