import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type CaseState, CaseStateSchema } from '../../src-shared/domain/cases/states';
import type { ServerDatabase } from '../db/schema';
import { INTERNAL_CHANNELS } from '../cases/visibility';

/** What a citizen may see of a case: no reporter, no internal notes, no staff names. */
export interface PublicCase {
  id: string;
  code: string;
  serviceName: string;
  description: string | null;
  addressString: string | null;
  state: CaseState;
  receivedAt: string;
  dueAt: string;
  resolvedAt: string | null;
  publicResult: string | null;
  rejectionReason: string | null;
  agencyName: string | null;
  timeline: PublicEvent[];
  rating: number | null;
}

export interface PublicEvent {
  at: string;
  action: string;
  toState: CaseState;
  publicNote: string | null;
  agencyName: string | null;
  dueAt: string | null;
  rating: number | null;
}

const EventData = z
  .object({
    agencyId: z.string().optional(),
    dueAt: z.string().optional(),
    rating: z.number().int().min(1).max(5).optional(),
  })
  .loose();

/** Events a citizen never sees: the centre's own comments. */
const HIDDEN_ACTIONS: ReadonlySet<string> = new Set(['comment', 'assign']);

function eventData(text: string): z.infer<typeof EventData> {
  try {
    const parsed = EventData.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export async function loadPublicCase(db: Kysely<ServerDatabase>, code: string): Promise<PublicCase | null> {
  const row = await db
    .selectFrom('cases')
    .leftJoin('agencies', 'agencies.id', 'cases.agency_id')
    .select([
      'cases.id',
      'cases.code',
      'cases.service_name',
      'cases.description',
      'cases.address_string',
      'cases.state',
      'cases.received_at',
      'cases.due_at',
      'cases.resolved_at',
      'cases.public_result',
      'cases.rejection_reason',
      'agencies.name as agency_name',
    ])
    .where('cases.code', '=', code)
    .where('cases.channel', 'not in', INTERNAL_CHANNELS)
    .executeTakeFirst();
  if (!row) return null;
  const [events, agencies] = await Promise.all([
    db
      .selectFrom('case_events')
      .select(['at', 'action', 'to_state', 'public_note', 'data'])
      .where('case_id', '=', row.id)
      .orderBy('id')
      .execute(),
    db.selectFrom('agencies').select(['id', 'name']).execute(),
  ]);
  const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
  const timeline: PublicEvent[] = events
    .filter((e) => !HIDDEN_ACTIONS.has(e.action))
    .map((e) => {
      const data = eventData(e.data);
      return {
        at: e.at,
        action: e.action,
        toState: CaseStateSchema.parse(e.to_state),
        // A return's reason is for the centre; everything else carries only what was written for the public.
        publicNote: e.action === 'return' ? null : e.public_note,
        agencyName: e.action === 'forward' && data.agencyId ? (agencyName.get(data.agencyId) ?? null) : null,
        dueAt: data.dueAt ?? null,
        rating: data.rating ?? null,
      };
    });
  const rated = [...timeline].reverse().find((e) => e.action === 'rating');
  return {
    id: row.id,
    code: row.code,
    serviceName: row.service_name,
    description: row.description,
    addressString: row.address_string,
    state: CaseStateSchema.parse(row.state),
    receivedAt: row.received_at,
    dueAt: row.due_at,
    resolvedAt: row.resolved_at,
    publicResult: row.public_result,
    rejectionReason: row.rejection_reason,
    agencyName: row.agency_name,
    timeline,
    rating: rated?.rating ?? null,
  };
}
