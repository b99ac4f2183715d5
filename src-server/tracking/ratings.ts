import type { Kysely } from 'kysely';
import { z } from 'zod';
import { nextChangeSeq } from '../cases/sync-cursor';
import type { ServerDatabase } from '../db/schema';

export const RatingFormSchema = z.object({
  rating: z.coerce.number().int().min(1).max(5),
  comment: z
    .string()
    .trim()
    .max(1000)
    .transform((s) => (s === '' ? null : s))
    .optional(),
});
export type RatingForm = z.infer<typeof RatingFormSchema>;

export type RatingOutcome = { ok: true } | { ok: false; reason: 'not_found' | 'not_resolved' | 'already_rated' };

/** Thrown inside the transaction so the cursor it took is rolled back with it. */
class RatingRefused extends Error {
  constructor(readonly reason: Extract<RatingOutcome, { ok: false }>['reason']) {
    super(reason);
  }
}

const RATEABLE: ReadonlySet<string> = new Set(['resolved', 'closed']);

/**
 * Records the citizen's satisfaction as a timeline event (so it reaches the workstations through sync). The
 * comment is kept internal: a citizen's words are not published. Once per case: the cursor row's lock is taken
 * first, so two submissions cannot both find the case unrated.
 */
export async function rateCase(
  db: Kysely<ServerDatabase>,
  caseId: string,
  form: RatingForm,
  now: Date,
): Promise<RatingOutcome> {
  try {
    await db.transaction().execute(async (trx) => {
      const at = now.toISOString();
      const seq = await nextChangeSeq(trx, 'case', caseId, at);
      const row = await trx.selectFrom('cases').select('state').where('id', '=', caseId).executeTakeFirst();
      if (!row) throw new RatingRefused('not_found');
      if (!RATEABLE.has(row.state)) throw new RatingRefused('not_resolved');
      const earlier = await trx
        .selectFrom('case_events')
        .select('id')
        .where('case_id', '=', caseId)
        .where('action', '=', 'rating')
        .executeTakeFirst();
      if (earlier) throw new RatingRefused('already_rated');
      await trx
        .insertInto('case_events')
        .values({
          case_id: caseId,
          at,
          actor: 'citizen',
          actor_id: null,
          action: 'rating',
          from_state: row.state,
          to_state: row.state,
          public_note: null,
          internal_note: form.comment ?? null,
          data: JSON.stringify({ rating: form.rating }),
          change_seq: seq,
        })
        .execute();
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof RatingRefused) return { ok: false, reason: error.reason };
    throw error;
  }
}
