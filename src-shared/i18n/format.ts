/** The centre works in Vietnam's time zone whatever the workstation's clock is set to. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

// Built once: a new Intl.DateTimeFormat per call cost the alerts panel most of its redraw time.
let formatter: Intl.DateTimeFormat | undefined;

function parts(date: Date): Record<string, string> {
  formatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const out: Record<string, string> = {};
  for (const p of formatter.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** dd/MM/yyyy in Asia/Ho_Chi_Minh, whatever the locale: the format Vietnamese documents use. */
export function formatDate(date: Date): string {
  const p = parts(date);
  return `${p.day}/${p.month}/${p.year}`;
}

/** dd/MM/yyyy HH:mm:ss in Asia/Ho_Chi_Minh. */
export function formatDateTime(date: Date): string {
  const p = parts(date);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** HH:mm:ss in Asia/Ho_Chi_Minh. */
export function formatTime(date: Date): string {
  const p = parts(date);
  return `${p.hour}:${p.minute}:${p.second}`;
}
