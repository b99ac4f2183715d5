// The clock burnt into every frame of the simulated cameras (sim/rtsp): HH:MM:SS.mmm in Asia/Ho_Chi_Minh (UTC+7,
// no daylight saving time), as tesseract reads it.

const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/** The time of day in ms, or null unless the text holds HH:MM:SS.mmm. */
export function parseClock(text: string): number | null {
  // Separators required: a run of digits with one missing or doubled is a misread, not a time.
  const match = /(\d{2})[:.](\d{2})[:.](\d{2})[:.](\d{3})/.exec(text.replace(/\s+/g, ''));
  if (!match) return null;
  const [hh, mm, ss, ms] = match.slice(1).map(Number) as [number, number, number, number];
  if (hh > 23 || mm > 59 || ss > 59) return null;
  return ((hh * 60 + mm) * 60 + ss) * 1000 + ms;
}

/** Host time minus the burnt-in time, across midnight if need be. */
export function clockLatencyMs(hostMs: number, burntMsOfDay: number): number {
  const hostOfDay = (((hostMs + VN_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  let delta = hostOfDay - burntMsOfDay;
  if (delta > DAY_MS / 2) delta -= DAY_MS;
  if (delta < -DAY_MS / 2) delta += DAY_MS;
  return delta;
}
