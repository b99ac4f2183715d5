import type { ResponsePoint } from '../../../src-shared/contract/alerts';

export const PERIODS = ['last7days', 'thisMonth', 'halfYear'] as const;
export type PeriodName = (typeof PERIODS)[number];

/** Vietnam is UTC+7 all year (no daylight saving): local calendar boundaries are fixed offsets from UTC. */
const VN_OFFSET_MS = 7 * 3600_000;

/**
 * The reporting period of the third uptime figure, in Vietnam's calendar: the last 7 days, this month so far,
 * or this half-year so far (the semi-annual reports due 25 June and 25 December).
 */
export function periodRange(name: PeriodName, now: Date): { from: string; to: string } {
  const to = now.toISOString();
  if (name === 'last7days') return { from: new Date(now.getTime() - 7 * 86_400_000).toISOString(), to };
  const local = new Date(now.getTime() + VN_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = name === 'thisMonth' ? local.getUTCMonth() : local.getUTCMonth() < 6 ? 0 : 6;
  return { from: new Date(Date.UTC(year, month, 1) - VN_OFFSET_MS).toISOString(), to };
}

export interface ChartGeometry {
  /** SVG path of the response-time line; gaps where checks failed. */
  path: string;
  /** x of each point whose status was down (drawn as red ticks). */
  downX: number[];
  maxMs: number;
}

/** A response-time line as SVG geometry (no chart library): x by time across the window, y by milliseconds. */
export function chartGeometry(
  points: readonly ResponsePoint[],
  width: number,
  height: number,
  fromMs: number,
  toMs: number,
): ChartGeometry {
  const span = Math.max(1, toMs - fromMs);
  const maxMs = Math.max(1, ...points.map((p) => p.ms ?? 0));
  const x = (at: string) => Math.round(((Date.parse(at) - fromMs) / span) * width * 10) / 10;
  const y = (ms: number) => Math.round((height - 2 - (ms / maxMs) * (height - 4)) * 10) / 10;
  let path = '';
  let pen = false;
  for (const p of points) {
    if (p.ms === null) {
      pen = false;
      continue;
    }
    path += `${pen ? 'L' : 'M'}${x(p.at)},${y(p.ms)}`;
    pen = true;
  }
  return { path, downX: points.filter((p) => p.status === 'down').map((p) => x(p.at)), maxMs };
}

export function formatUptime(value: number | null, language: string): string {
  if (value === null) return '—';
  return `${new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 }).format(value)} %`;
}
