import type { Selectable } from 'kysely';
import { type WallItemWire, WallItemWireSchema } from '../../src-shared/sync/wall-protocol';
import type { WallItemsTable } from './tables';

/** A wall_items row as the pull page carries it (the body was checked by the save command that wrote it). */
export function toWallWire(row: Selectable<WallItemsTable>): WallItemWire {
  return WallItemWireSchema.parse({
    kind: row.kind,
    id: row.id,
    name: row.name,
    version: Number(row.version),
    deleted: Number(row.deleted) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    changeSeq: Number(row.change_seq),
    body: JSON.parse(row.body) as unknown,
  });
}
