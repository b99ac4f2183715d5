import { z } from 'zod';
import { defineCommand } from '../define';
import {
  AlarmPolicySchema,
  CameraRef,
  DisplayId,
  LayoutGeometryShape,
  LayoutSchema,
  TileStateSchema,
  TourDefinitionShape,
  TourSchema,
  WallDisplaySchema,
  WallSourceSchema,
  refineGeometry,
} from '../layouts';
import { NameText } from '../schemas';

const Id = z.string().min(1).max(64);
const Version = z.number().int().min(1);
const Removed = z.object({ removed: z.literal(true) });

/**
 * Wall layouts, tours and what each display shows. Layouts and tours are stored in the workstation's SQLite
 * with a version and updatedAt (they will sync with the cases engine); a change that names an older
 * `expectedVersion` is refused with `conflict` instead of overwriting someone else's edit.
 */
export const layoutsCommands = {
  'layouts.list': defineCommand({
    summary: 'Every saved wall layout, by name',
    input: z.object({}).strict(),
    output: z.array(LayoutSchema),
    permission: 'wall.view',
  }),
  'layouts.get': defineCommand({
    summary: 'One layout by id',
    input: z.object({ id: Id }).strict(),
    output: LayoutSchema,
    permission: 'wall.view',
  }),
  'layouts.save': defineCommand({
    summary: 'Create a layout (no id) or replace one; tiles must cut the grid exactly',
    input: z
      .object({ id: Id.optional(), name: NameText, expectedVersion: Version.optional(), ...LayoutGeometryShape })
      .strict()
      .superRefine(refineGeometry),
    output: LayoutSchema,
    permission: 'wall.configure',
  }),
  'layouts.rename': defineCommand({
    summary: 'Rename a layout',
    input: z.object({ id: Id, name: NameText, expectedVersion: Version.optional() }).strict(),
    output: LayoutSchema,
    permission: 'wall.configure',
  }),
  'layouts.duplicate': defineCommand({
    summary: 'Copy a layout under a new name',
    input: z.object({ id: Id, name: NameText.optional() }).strict(),
    output: LayoutSchema,
    permission: 'wall.configure',
  }),
  'layouts.remove': defineCommand({
    summary: 'Delete a layout no display or tour uses',
    input: z.object({ id: Id }).strict(),
    output: Removed,
    permission: 'wall.configure',
  }),
  'tours.list': defineCommand({
    summary: 'Every saved tour, by name',
    input: z.object({}).strict(),
    output: z.array(TourSchema),
    permission: 'wall.view',
  }),
  'tours.save': defineCommand({
    summary: 'Create a tour (no id) or replace one: steps of layouts or cameras with dwell times, pinned tiles',
    input: z
      .object({ id: Id.optional(), name: NameText, expectedVersion: Version.optional(), ...TourDefinitionShape })
      .strict(),
    output: TourSchema,
    permission: 'wall.configure',
  }),
  'tours.remove': defineCommand({
    summary: 'Delete a tour no display uses',
    input: z.object({ id: Id }).strict(),
    output: Removed,
    permission: 'wall.configure',
  }),
  'walls.list': defineCommand({
    summary: 'Every display that has a wall setting or a wall window, with what it shows',
    input: z.object({}).strict(),
    output: z.array(WallDisplaySchema),
    permission: 'wall.view',
  }),
  'walls.get': defineCommand({
    summary: 'What one display shows: its layout or tour, alarm policy and current alarm pop-up',
    input: z.object({ displayId: DisplayId }).strict(),
    output: WallDisplaySchema,
    permission: 'wall.view',
  }),
  'walls.assign': defineCommand({
    summary: 'Show a layout or a tour on a display (null: nothing); wall windows follow at once',
    input: z.object({ displayId: DisplayId, source: WallSourceSchema.nullable() }).strict(),
    output: WallDisplaySchema,
    permission: 'wall.configure',
  }),
  'walls.tour': defineCommand({
    summary: 'Start (from the first step) or stop the tour assigned to a display',
    input: z.object({ displayId: DisplayId, running: z.boolean() }).strict(),
    output: WallDisplaySchema,
    permission: 'wall.view',
  }),
  'walls.setAlarmPolicy': defineCommand({
    summary: 'Which events pop up on a display, in which tile, and for how long',
    input: z.object({ displayId: DisplayId, policy: AlarmPolicySchema }).strict(),
    output: WallDisplaySchema,
    permission: 'wall.configure',
  }),
  'walls.popup': defineCommand({
    summary: 'Push cameras into the alarm slot of a display (or of every display with pop-ups on)',
    input: z
      .object({
        displayId: DisplayId.optional(),
        cameraIds: z.array(CameraRef).min(1).max(9),
        revertSec: z.number().int().min(5).max(3600).optional(),
        /** Why, shown on the pop-up's banner (e.g. the alert's title). */
        title: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    output: z.array(WallDisplaySchema),
    permission: 'wall.view',
  }),
  'walls.acknowledge': defineCommand({
    summary: 'Close the alarm pop-up of a display; the layout or tour comes back',
    input: z.object({ displayId: DisplayId, alarmId: Id }).strict(),
    output: WallDisplaySchema,
    permission: 'wall.view',
  }),
  'walls.report': defineCommand({
    summary: 'A wall window says what it shows and the state of each tile',
    input: z
      .object({
        displayId: DisplayId,
        layoutId: Id.nullable(),
        tourStep: z.number().int().min(0).max(99).nullable(),
        alarmId: Id.nullable(),
        tiles: z
          .array(z.object({ cameraId: CameraRef.nullable(), state: TileStateSchema.nullable() }).strict())
          .max(64),
      })
      .strict(),
    output: z.object({ ok: z.literal(true) }),
    permission: 'wall.view',
  }),
  'walls.links': defineCommand({
    summary: 'Cameras shown together with a camera when it raises an alarm',
    input: z.object({ cameraId: CameraRef }).strict(),
    output: z.array(z.string()),
    permission: 'wall.view',
  }),
  'walls.setLinks': defineCommand({
    summary: 'Set the cameras shown together with a camera when it raises an alarm',
    input: z.object({ cameraId: CameraRef, linked: z.array(CameraRef).max(8) }).strict(),
    output: z.array(z.string()),
    permission: 'wall.configure',
  }),
} as const;
