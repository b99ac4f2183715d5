import { VN_UTC_OFFSET_MS } from '../../src-shared/domain/cases/calendar';

/** GeoReport v2 dates: the W3C subset of ISO 8601, time zone required (`2010-01-01T00:00:00Z`, `…+07:00`). */
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface ParsedDatetime {
  date: Date;
  /** `YYYY-MM-DD` alone: the caller decides whether it means the start or the end of that day in Vietnam. */
  dateOnly: boolean;
}

function validDay(y: number, m: number, d: number): boolean {
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

export function parseW3cDatetime(text: string): ParsedDatetime | null {
  if (text.length > 40) return null;
  const day = DATE_ONLY.exec(text);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    if (!validDay(y, m, d)) return null;
    return { date: new Date(Date.UTC(y, m - 1, d) - VN_UTC_OFFSET_MS), dateOnly: true };
  }
  const m = DATETIME.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const [oh, om] = [Number(m[10]), Number(m[11])];
    if (oh > 14 || om > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const fraction = m[7] ? Math.floor(Number(m[7]) * 1000) : 0;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s, fraction) - offsetMinutes * 60_000;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : { date, dateOnly: false };
}

/** Output in Vietnam's offset, the way the people reading it think of the time: `2026-03-05T14:30:00+07:00`. */
export function formatW3c(iso: string): string {
  return new Date(Date.parse(iso) + VN_UTC_OFFSET_MS).toISOString().slice(0, 19) + '+07:00';
}
