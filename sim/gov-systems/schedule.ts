import type { SystemMode } from './systems';

/** One cycle of the demo: which system misbehaves when, as offsets into the cycle (seconds). */
export interface ScheduleEntry {
  system: 'dvc' | 'idesk' | 'mail' | 'web' | 'vc';
  mode: SystemMode | 'silent';
  fromS: number;
  toS: number;
}

/**
 * A 12-minute cycle: iDesk goes down for three minutes, the city website slows down, the mail server stops
 * answering for a while, the video-conference agent falls silent; the public-services portal stays up.
 */
export const DEMO_CYCLE_S = 720;
export const DEMO_SCHEDULE: readonly ScheduleEntry[] = [
  { system: 'idesk', mode: 'down', fromS: 120, toS: 300 },
  { system: 'web', mode: 'slow', fromS: 360, toS: 540 },
  { system: 'mail', mode: 'down', fromS: 420, toS: 510 },
  { system: 'vc', mode: 'silent', fromS: 600, toS: 690 },
];

/** What each scheduled system should be doing `elapsedS` seconds into the demo. */
export function modesAt(elapsedS: number): Map<ScheduleEntry['system'], SystemMode | 'silent'> {
  const t = elapsedS % DEMO_CYCLE_S;
  const modes = new Map<ScheduleEntry['system'], SystemMode | 'silent'>();
  for (const e of DEMO_SCHEDULE)
    if (!modes.has(e.system) || modes.get(e.system) === 'up')
      modes.set(e.system, t >= e.fromS && t < e.toS ? e.mode : 'up');
  return modes;
}
