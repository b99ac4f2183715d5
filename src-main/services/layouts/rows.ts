import { z } from 'zod';
import {
  AlarmPolicySchema,
  DEFAULT_ALARM_POLICY,
  LayoutTileSchema,
  TourStepSchema,
  type AlarmPolicy,
  type Layout,
  type Tour,
} from '../../../src-shared/contract/layouts';

/** JSON columns are parsed on the way out: a row edited by hand (or by a newer sync) cannot crash a window. */
const Tiles = z.array(LayoutTileSchema);
const Steps = z.array(TourStepSchema);
const Pinned = z.array(z.number().int().min(0));

function parseJson<T>(schema: z.ZodType<T>, text: string, fallback: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** Rows as better-sqlite3 returns them (migration 004). */
export interface LayoutRow {
  id: string;
  name: string;
  cols: number;
  rows: number;
  tiles: string;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export interface TourRow {
  id: string;
  name: string;
  layout_id: string | null;
  pinned_tiles: string;
  steps: string;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export interface DisplayRow {
  display_id: string;
  source_kind: 'layout' | 'tour' | null;
  source_id: string | null;
  tour_running: number;
  tour_started_at: string | null;
  tour_held_step: number | null;
  alarm_policy: string;
  version: number;
  updated_at: string;
}

export function layoutFromRow(row: LayoutRow): Layout {
  return {
    id: row.id,
    name: row.name,
    cols: row.cols,
    rows: row.rows,
    tiles: parseJson(Tiles, row.tiles, []),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export function tourFromRow(row: TourRow): Tour {
  return {
    id: row.id,
    name: row.name,
    layoutId: row.layout_id,
    pinnedTiles: parseJson(Pinned, row.pinned_tiles, []),
    steps: parseJson(Steps, row.steps, []),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export function policyFromJson(text: string): AlarmPolicy {
  return parseJson(AlarmPolicySchema, text, DEFAULT_ALARM_POLICY);
}
