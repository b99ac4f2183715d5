import { z } from 'zod';
import { AlertDomainSchema, type AlertDomain } from './model';

/** Vietnam has no daylight saving: local time is UTC+7 all year, so weekly windows need no tz database. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;
const WEEK_MS = 7 * 24 * 3600_000;
const DAY_MS = 24 * 3600_000;

const Instant = z.iso.datetime({ offset: true });

/**
 * A maintenance window (Uptime Kuma "single" and "recurring-weekday"; Zabbix maintenance): alerts of the sources
 * or domains it names are still recorded but marked suppressed, and probe results inside it do not count
 * against uptime. `sources` are entity or monitor ids; an empty list with no domains matches nothing.
 */
export const MaintenanceWindowSchema = z
  .object({
    id: z.string().min(1).max(64),
    label: z.string().min(1).max(200),
    sources: z.array(z.string().min(1).max(300)).max(500).default([]),
    domains: z.array(AlertDomainSchema).default([]),
    schedule: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('once'), from: Instant, to: Instant }).strict(),
      z
        .object({
          kind: z.literal('weekly'),
          /** 0 = Sunday … 6 = Saturday, in Vietnam. */
          days: z.array(z.number().int().min(0).max(6)).min(1),
          /** Minutes after local midnight. */
          startMinute: z.number().int().min(0).max(1439),
          durationMinutes: z
            .number()
            .int()
            .min(1)
            .max(7 * 1440),
        })
        .strict(),
    ]),
  })
  .strict()
  .refine((w) => w.schedule.kind !== 'once' || Date.parse(w.schedule.from) < Date.parse(w.schedule.to), {
    message: 'a window must end after it starts',
  });
export type MaintenanceWindow = z.infer<typeof MaintenanceWindowSchema>;

export interface MaintenanceTarget {
  sourceId: string;
  domain: AlertDomain | null;
}

function covers(w: MaintenanceWindow, target: MaintenanceTarget): boolean {
  return w.sources.includes(target.sourceId) || (target.domain !== null && w.domains.includes(target.domain));
}

/** Whether the window is open at `atMs` (epoch milliseconds). */
export function windowOpenAt(w: MaintenanceWindow, atMs: number): boolean {
  const s = w.schedule;
  if (s.kind === 'once') return Date.parse(s.from) <= atMs && atMs < Date.parse(s.to);
  const local = atMs + VIETNAM_OFFSET_MS;
  // Look back far enough for a window started on an earlier day (or last week) that is still running.
  const lookbackDays = Math.ceil(s.durationMinutes / 1440) + 1;
  const today = Math.floor(local / DAY_MS);
  for (let back = 0; back <= Math.min(lookbackDays, 7); back++) {
    const day = today - back;
    // 1970-01-01 was a Thursday (4).
    const weekday = (((day + 4) % 7) + 7) % 7;
    if (!s.days.includes(weekday)) continue;
    const start = day * DAY_MS + s.startMinute * 60_000;
    if (start <= local && local < start + Math.min(s.durationMinutes * 60_000, WEEK_MS)) return true;
  }
  return false;
}

/** The first open window covering the target at `atMs`, or null. */
export function activeMaintenance(
  windows: readonly MaintenanceWindow[],
  target: MaintenanceTarget,
  atMs: number,
): MaintenanceWindow | null {
  return windows.find((w) => covers(w, target) && windowOpenAt(w, atMs)) ?? null;
}
