/** The camera's own clock: the host clock plus an offset that tests can change while it runs. */
export interface DeviceClock {
  /** Device time in ms since the epoch. */
  now(): number;
  readonly offsetMs: number;
  setOffset(ms: number): void;
}

export function createDeviceClock(offsetMs = 0, hostNow: () => number = Date.now): DeviceClock {
  let offset = offsetMs;
  return {
    now: () => hostNow() + offset,
    get offsetMs() {
      return offset;
    },
    setOffset(ms) {
      offset = ms;
    },
  };
}

const DURATION =
  /^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const UNIT_MS = [365 * 86_400_000, 30 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000];

/** Parses an xsd:duration (`PT1S`, `PT0.5S`, `PT1M`, `P1D`) into ms; null when malformed. */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim().endsWith('T') || text.trim() === 'P') return null;
  let total = 0;
  for (let k = 0; k < UNIT_MS.length; k++) {
    const part = m[k + 2];
    if (part !== undefined) total += Number(part) * (UNIT_MS[k] ?? 0);
  }
  return m[1] ? -total : total;
}

export function hasFractionalSeconds(duration: string): boolean {
  return /\.\d*[1-9]\d*S$/.test(duration.trim());
}

/**
 * A termination time given as a duration (relative to device now) or an absolute xsd:dateTime in device time;
 * returns the device-time instant, or null when unparsable.
 */
export function parseTerminationTime(text: string, deviceNow: number): number | null {
  const t = text.trim();
  if (t.startsWith('P') || t.startsWith('-P')) {
    const ms = parseDuration(t);
    return ms === null ? null : deviceNow + ms;
  }
  const at = Date.parse(t);
  return Number.isNaN(at) ? null : at;
}

/** xsd:dateTime in UTC with the vendor's precision: 0 → `…:52Z`, 3 → `…:52.123Z`, 6 → `…:52.123000Z`. */
export function formatDateTime(ms: number, digits: 0 | 3 | 6): string {
  const iso = new Date(ms).toISOString();
  if (digits === 3) return iso;
  if (digits === 0) return `${iso.slice(0, 19)}Z`;
  return `${iso.slice(0, 23)}000Z`;
}
