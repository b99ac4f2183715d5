import { z } from 'zod';
import { LayoutGeometryShape, refineGeometry, TourDefinitionShape } from '../contract/layouts';
import { NameText } from '../contract/schemas';

/**
 * Wall layouts and tours in the sync protocol (issue 5 §7). A workstation saves or deletes one with a named
 * command; the server keeps the shared copy and sends it to every workstation with the case pages.
 *
 * Rules (the server applies them, in its commit order):
 * - `baseVersion` is the server version the edit started from (null: a new item). A save applies when the server
 *   still holds that version, or when every version since was written by the same workstation client (its own
 *   queued edits, sent in order). Otherwise someone else saved in between: the edit is rejected `stale_version`
 *   and waits in that workstation's conflicts inbox; retrying it there saves it over what the server now holds.
 * - Deleting wins over editing: a delete always applies (whatever the version), and a save of a deleted item is
 *   rejected `deleted`.
 */
export const WALL_ITEM_KINDS = ['layout', 'tour'] as const;
export type WallItemKind = (typeof WALL_ITEM_KINDS)[number];

const ItemId = z.string().min(1).max(64);
const BaseVersion = z.number().int().min(1).nullable();

export const LayoutSaveArgsSchema = z
  .object({ id: ItemId, name: NameText, baseVersion: BaseVersion, ...LayoutGeometryShape })
  .strict()
  .superRefine(refineGeometry);
export const TourSaveArgsSchema = z
  .object({ id: ItemId, name: NameText, baseVersion: BaseVersion, ...TourDefinitionShape })
  .strict();
export const WallRemoveArgsSchema = z.object({ id: ItemId }).strict();

export type LayoutSaveArgs = z.infer<typeof LayoutSaveArgsSchema>;
export type TourSaveArgs = z.infer<typeof TourSaveArgsSchema>;

export const WALL_COMMAND_ARGS = {
  'layout.save': LayoutSaveArgsSchema,
  'layout.remove': WallRemoveArgsSchema,
  'tour.save': TourSaveArgsSchema,
  'tour.remove': WallRemoveArgsSchema,
} as const;
export type WallCommandName = keyof typeof WALL_COMMAND_ARGS;

export function isWallCommandName(name: string): name is WallCommandName {
  return Object.hasOwn(WALL_COMMAND_ARGS, name);
}

/** The kind of item a wall command is about, and whether it deletes. */
export function wallCommandTarget(name: WallCommandName): { kind: WallItemKind; remove: boolean } {
  const [kind, verb] = name.split('.') as [WallItemKind, 'save' | 'remove'];
  return { kind, remove: verb === 'remove' };
}

/** What a layout or tour holds besides its name: the same fields as the save command, without id and version. */
export const LayoutBodySchema = z.object(LayoutGeometryShape).strict();
export const TourBodySchema = z.object(TourDefinitionShape).strict();

const Instant = z.string().min(20).max(30);
const Seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const WallItemCommon = {
  id: ItemId,
  name: z.string().max(200),
  version: z.number().int().min(1),
  /** A tombstone: the item was deleted (the body is the last one it had). */
  deleted: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
  updatedBy: z.string().max(128).nullable(),
  changeSeq: Seq,
};

export const WallItemWireSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('layout'), ...WallItemCommon, body: LayoutBodySchema }),
  z.object({ kind: z.literal('tour'), ...WallItemCommon, body: TourBodySchema }),
]);
export type WallItemWire = z.infer<typeof WallItemWireSchema>;
