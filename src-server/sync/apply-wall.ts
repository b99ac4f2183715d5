import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { hasPermission } from '../../src-shared/contract/roles';
import {
  LayoutSaveArgsSchema,
  TourSaveArgsSchema,
  type WallCommandName,
  wallCommandTarget,
  WallRemoveArgsSchema,
} from '../../src-shared/sync/wall-protocol';
import { nextChangeSeq } from '../cases/sync-cursor';
import type { ServerDatabase } from '../db/schema';
import type { ServerUser } from './actor';
import { syncTrx } from './tables';

export interface WallCommandContext {
  clientId: string;
  now: Date;
}

/** A refusal the caller records as the command's outcome (the workstation's conflicts inbox shows it). */
export type WallRefusal = (code: string, message: string) => never;

/**
 * Saves or deletes a shared layout or tour (rules in src-shared/sync/wall-protocol.ts): a save applies on the
 * version it was based on, or over versions its own client wrote since; a delete always applies; a deleted item
 * is never saved again. Returns the cursor of the change.
 */
export async function applyWallCommand(
  base: Transaction<ServerDatabase>,
  user: ServerUser,
  name: WallCommandName,
  rawArgs: unknown,
  ctx: WallCommandContext,
  refuse: WallRefusal,
): Promise<{ changeSeq: number }> {
  if (!hasPermission(user.roles, 'wall.configure')) {
    return refuse('forbidden', `${user.username} may not change wall layouts (wall.configure).`);
  }
  const trx = syncTrx(base);
  const { kind, remove } = wallCommandTarget(name);
  const parse = <T>(schema: z.ZodType<T>): T => {
    const parsed = schema.safeParse(rawArgs);
    return parsed.success ? parsed.data : refuse('invalid', 'The command’s arguments are not valid.');
  };
  const at = ctx.now.toISOString();
  const id = parse(WallRemoveArgsSchema.loose()).id;
  // The cursor first: its row lock orders this write after any other in flight, so the version read is current.
  const changeSeq = await nextChangeSeq(base, kind, id, at);
  const current = await trx
    .selectFrom('wall_items')
    .select(['version', 'deleted', 'writer_client', 'run_base'])
    .where('kind', '=', kind)
    .where('id', '=', id)
    .executeTakeFirst();

  if (remove) {
    parse(WallRemoveArgsSchema);
    // Already gone: nothing changes; the cursor taken is an empty change.
    if (!current || current.deleted) return { changeSeq };
    await trx
      .updateTable('wall_items')
      .set({
        deleted: 1,
        version: Number(current.version) + 1,
        updated_at: at,
        updated_by: user.username,
        ...writer(current, ctx.clientId),
        change_seq: changeSeq,
      })
      .where('kind', '=', kind)
      .where('id', '=', id)
      .execute();
    return { changeSeq };
  }

  const args = kind === 'layout' ? parse(LayoutSaveArgsSchema) : parse(TourSaveArgsSchema);
  const { id: _id, name: itemName, baseVersion, ...body } = args;
  if (!current) {
    if (baseVersion !== null) return refuse('not_found', `The ${kind} "${itemName}" is not on the central server.`);
    await trx
      .insertInto('wall_items')
      .values({
        kind,
        id,
        name: itemName,
        body: JSON.stringify(body),
        version: 1,
        deleted: 0,
        created_at: at,
        updated_at: at,
        updated_by: user.username,
        writer_client: ctx.clientId,
        run_base: 0,
        change_seq: changeSeq,
      })
      .execute();
    return { changeSeq };
  }
  if (current.deleted) return refuse('deleted', `The ${kind} "${itemName}" was deleted on another workstation.`);
  const version = Number(current.version);
  // A new item's later edits may still name no version (the workstation has not mirrored it yet): 0 then.
  const ownRun = current.writer_client === ctx.clientId && (baseVersion ?? 0) >= Number(current.run_base);
  if (baseVersion !== version && !ownRun) {
    return refuse(
      'stale_version',
      `The ${kind} "${itemName}" was changed on another workstation (version ${version}, this edit started from ${baseVersion ?? 'none'}).`,
    );
  }
  await trx
    .updateTable('wall_items')
    .set({
      name: itemName,
      body: JSON.stringify(body),
      version: version + 1,
      updated_at: at,
      updated_by: user.username,
      ...writer(current, ctx.clientId),
      change_seq: changeSeq,
    })
    .where('kind', '=', kind)
    .where('id', '=', id)
    .execute();
  return { changeSeq };
}

/** The same client keeps its run going; another one starts a run based on the version it overwrote. */
function writer(
  current: { version: number; writer_client: string; run_base: number },
  clientId: string,
): { writer_client: string; run_base: number } {
  return current.writer_client === clientId
    ? { writer_client: clientId, run_base: Number(current.run_base) }
    : { writer_client: clientId, run_base: Number(current.version) };
}
