import type { Kysely } from 'kysely';
import type { ObservedEntity } from '../../src-shared/domain/alerts/entity';
import type { ServerDatabase } from '../db/schema';
import { inAlertsTransaction } from '../alerts/tables';
import type { AssetKind } from './models';

export interface AssetObservation {
  entity: ObservedEntity;
  kind: AssetKind;
}

function plainValues(entity: ObservedEntity): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, attr] of Object.entries(entity.attrs)) {
    Object.defineProperty(out, name, { value: attr.value, enumerable: true });
  }
  return out;
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Keeps each asset's latest observed values (the map shows a gauge's level, a container's fill): many observations
 * of one entity in a batch become one write, newer values over older, unknown entities become assets.
 */
export async function writeObservations(
  db: Kysely<ServerDatabase>,
  observations: readonly AssetObservation[],
  now: Date,
): Promise<void> {
  const latest = new Map<string, { kind: AssetKind; entity: ObservedEntity; values: Record<string, unknown> }>();
  for (const { entity, kind } of observations) {
    const prior = latest.get(entity.id);
    if (prior && prior.entity.observedAt > entity.observedAt) continue;
    latest.set(entity.id, { kind, entity, values: { ...(prior?.values ?? {}), ...plainValues(entity) } });
  }
  const ids = [...latest.keys()];
  const at = now.toISOString();
  await inAlertsTransaction(db, async (trx) => {
    for (let i = 0; i < ids.length; i += 400) {
      const part = ids.slice(i, i + 400);
      const rows = await trx
        .selectFrom('assets')
        .select(['id', 'observed', 'observed_at'])
        .where('id', 'in', part)
        .execute();
      const stored = new Map(rows.map((r) => [r.id, r]));
      const values = part.flatMap((id) => {
        const next = latest.get(id)!;
        const row = stored.get(id);
        if (row?.observed_at && row.observed_at > next.entity.observedAt) return [];
        const [lon, lat] = next.entity.location?.coordinates ?? [null, null];
        const name = next.values.name;
        return [
          {
            id,
            kind: next.kind,
            name:
              typeof name === 'string' && name.trim() ? name.trim().slice(0, 200) : id.split(':').at(-1)!.slice(0, 200),
            lon,
            lat,
            ward: null,
            properties: '{}',
            observed: JSON.stringify({ ...(row ? parseObject(row.observed) : {}), ...next.values }).slice(0, 60_000),
            observed_at: next.entity.observedAt,
            import_id: null,
            updated_at: at,
          },
        ];
      });
      // One upsert per 50 assets; a register's name, kind and ward stay as imported, only the readings move.
      for (let j = 0; j < values.length; j += 50) {
        await trx
          .insertInto('assets')
          .values(values.slice(j, j + 50))
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              observed: eb.ref('excluded.observed'),
              observed_at: eb.ref('excluded.observed_at'),
              updated_at: eb.ref('excluded.updated_at'),
              lon: eb.fn.coalesce('excluded.lon', 'assets.lon'),
              lat: eb.fn.coalesce('excluded.lat', 'assets.lat'),
            })),
          )
          .execute();
      }
    }
  });
}
