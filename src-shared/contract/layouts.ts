import { z } from 'zod';
import { checkTiles, MAX_GRID, MAX_TILES, type TileProblem } from '../domain/layout/geometry';
import { AlertSeveritySchema } from '../domain/alerts/model';
import { MAX_DWELL_SEC, MIN_DWELL_SEC } from '../domain/layout/tour';
import { CameraEventSchema } from './cameras';

const EntityId = z.string().min(1).max(64);
export const CameraRef = z.string().min(1).max(64);
/** A display as the shell names it (`screen-0`, an Electron display id…). */
export const DisplayId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w.:-]+$/, 'letters, digits and . _ : -');
const GridCount = z.number().int().min(1).max(MAX_GRID);
const Cell = z
  .number()
  .int()
  .min(0)
  .max(MAX_GRID - 1);

export const LayoutTileSchema = z
  .object({
    x: Cell,
    y: Cell,
    w: GridCount,
    h: GridCount,
    cameraId: CameraRef.nullable(),
  })
  .strict();
export type LayoutTileValue = z.infer<typeof LayoutTileSchema>;

function problemText(problem: TileProblem): string {
  switch (problem.kind) {
    case 'bad_grid':
      return `columns and rows must be 1–${MAX_GRID}`;
    case 'no_tiles':
      return 'a layout needs at least one tile';
    case 'not_whole_cells':
      return `tile ${problem.index + 1} does not span whole cells`;
    case 'outside':
      return `tile ${problem.index + 1} reaches outside the grid`;
    case 'overlap':
      return `tile ${problem.index + 1} overlaps tile ${problem.other + 1}`;
    case 'hole':
      return `cell (${problem.x + 1}, ${problem.y + 1}) belongs to no tile`;
  }
}

/** Fields of a layout's shape; commands add them to their own strict objects and refine with `refineGeometry`. */
export const LayoutGeometryShape = {
  cols: GridCount,
  rows: GridCount,
  tiles: z.array(LayoutTileSchema).min(1).max(MAX_TILES),
};

/** A grid cut exactly into tiles: every cell in one tile, none outside (domain/layout checks it). */
export function refineGeometry(
  grid: { cols: number; rows: number; tiles: readonly LayoutTileValue[] },
  ctx: z.RefinementCtx,
): void {
  const problem = checkTiles(grid, grid.tiles);
  if (problem) ctx.addIssue({ code: 'custom', path: ['tiles'], message: problemText(problem) });
}

export const LayoutGeometrySchema = z.object(LayoutGeometryShape).strict().superRefine(refineGeometry);

export const LayoutSchema = z.object({
  id: z.string(),
  name: z.string(),
  cols: z.number().int(),
  rows: z.number().int(),
  tiles: z.array(LayoutTileSchema),
  /** Bumped by every change; a save naming an older version is refused (no silent overwrite). */
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type Layout = z.infer<typeof LayoutSchema>;

export const TourStepSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('layout'),
      layoutId: EntityId,
      dwellSec: z.number().int().min(MIN_DWELL_SEC).max(MAX_DWELL_SEC),
    })
    .strict(),
  z
    .object({
      kind: z.literal('cameras'),
      cameraIds: z.array(CameraRef).min(1).max(MAX_TILES),
      dwellSec: z.number().int().min(MIN_DWELL_SEC).max(MAX_DWELL_SEC),
    })
    .strict(),
]);
export type TourStep = z.infer<typeof TourStepSchema>;

export const TourDefinitionShape = {
  /** Shape and pinned cameras for camera steps; null: camera steps get the smallest square grid that fits. */
  layoutId: EntityId.nullable(),
  /** Tiles of the base layout that keep their camera through every step. */
  pinnedTiles: z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(MAX_TILES - 1),
    )
    .max(MAX_TILES),
  steps: z.array(TourStepSchema).min(1).max(100),
};

export const TourSchema = z.object({
  id: z.string(),
  name: z.string(),
  layoutId: z.string().nullable(),
  pinnedTiles: z.array(z.number().int()),
  steps: z.array(TourStepSchema),
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type Tour = z.infer<typeof TourSchema>;

export const WallSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('layout'), layoutId: EntityId }).strict(),
  z.object({ kind: z.literal('tour'), tourId: EntityId }).strict(),
]);
export type WallSource = z.infer<typeof WallSourceSchema>;

export const ALARM_KINDS = CameraEventSchema.shape.kind.options;
/** -1: the alarm takes the whole display; otherwise the index of the tile that becomes the alarm slot. */
export const ALARM_FULL_SCREEN = -1;

export const AlarmPolicySchema = z
  .object({
    enabled: z.boolean(),
    slot: z
      .number()
      .int()
      .min(ALARM_FULL_SCREEN)
      .max(MAX_TILES - 1),
    /** The pop-up reverts by itself after this long unless acknowledged first. */
    revertSec: z.number().int().min(5).max(3600),
    kinds: z.array(z.enum(ALARM_KINDS)).max(ALARM_KINDS.length),
    /** Cameras whose events pop up here; null: every camera. */
    cameraIds: z.array(CameraRef).max(500).nullable(),
    /**
     * Alerts (water, flooding, lighting…) with a location at least this severe pop up the cameras that see the
     * place (domain/alerts camerasForAlert); null: alerts do not pop up here.
     */
    alertMinSeverity: AlertSeveritySchema.nullable().default(null),
  })
  .strict();
export type AlarmPolicy = z.infer<typeof AlarmPolicySchema>;

export const DEFAULT_ALARM_POLICY: AlarmPolicy = {
  enabled: false,
  slot: 0,
  revertSec: 30,
  kinds: ['motion', 'tamper'],
  cameraIds: null,
  alertMinSeverity: null,
};

export const WallAlarmSchema = z.object({
  id: z.string(),
  /** The cameras to show: each event's camera and the cameras linked to it, in order, at most 9. */
  cameraIds: z.array(z.string()),
  sources: z.array(
    z.object({
      cameraId: z.string().nullable(),
      kind: z.string(),
      reason: z.enum(['camera.event', 'manual', 'alert']),
      /** What happened, for alerts and pushes that say so (the alert's title). */
      title: z.string().nullable().default(null),
      at: z.string(),
    }),
  ),
  raisedAt: z.string(),
  revertAt: z.string(),
});
export type WallAlarm = z.infer<typeof WallAlarmSchema>;

export const TILE_STATES = ['connecting', 'playing', 'stalled', 'offline', 'error'] as const;
export const TileStateSchema = z.enum(TILE_STATES);
export type TileState = z.infer<typeof TileStateSchema>;

/** What a wall window last said it shows (walls.report), so the control window can see the wall. */
export const WallLiveSchema = z.object({
  reportedAt: z.string(),
  layoutId: z.string().nullable(),
  tourStep: z.number().int().nullable(),
  alarmId: z.string().nullable(),
  tiles: z.array(z.object({ cameraId: z.string().nullable(), state: TileStateSchema.nullable() })),
});
export type WallLive = z.infer<typeof WallLiveSchema>;

export const WallDisplaySchema = z.object({
  displayId: z.string(),
  source: WallSourceSchema.nullable(),
  /** A running tour shows the step that `startedAt` gives (domain/layout tourPosition); a stopped one holds `heldStep`. */
  tour: z.object({ running: z.boolean(), startedAt: z.string().nullable(), heldStep: z.number().int().nullable() }),
  alarmPolicy: AlarmPolicySchema,
  alarm: WallAlarmSchema.nullable(),
  version: z.number().int().min(0),
  updatedAt: z.string().nullable(),
  /** Null when no wall window reported within the last half minute. */
  live: WallLiveSchema.nullable(),
});
export type WallDisplay = z.infer<typeof WallDisplaySchema>;
