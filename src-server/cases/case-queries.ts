import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';
import type { CaseRow } from './case-rows';
import { INTERNAL_CHANNELS } from './visibility';

export interface CaseSearch {
  serviceCodes: readonly string[] | null;
  statuses: readonly ('open' | 'closed')[] | null;
  /** Inclusive bounds on received_at, ISO UTC. */
  from: string;
  to: string;
  limit: number;
}

export async function findCasesByCodes(db: Kysely<ServerDatabase>, codes: readonly string[]): Promise<CaseRow[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('cases')
    .selectAll()
    .where('code', 'in', codes)
    .where('channel', 'not in', INTERNAL_CHANNELS)
    .orderBy('received_at', 'desc')
    .execute();
}

export async function searchCases(db: Kysely<ServerDatabase>, search: CaseSearch): Promise<CaseRow[]> {
  let query = db
    .selectFrom('cases')
    .selectAll()
    .where('received_at', '>=', search.from)
    .where('received_at', '<=', search.to)
    .where('channel', 'not in', INTERNAL_CHANNELS);
  if (search.serviceCodes) query = query.where('service_code', 'in', search.serviceCodes);
  if (search.statuses) query = query.where('status', 'in', search.statuses);
  return query.orderBy('received_at', 'desc').orderBy('code').limit(search.limit).execute();
}

export interface PublicUpdateRow {
  id: number;
  code: string;
  at: string;
  action: string;
  to_state: string;
  public_note: string | null;
  /** JSON object: `agencyId` on forward and return. */
  data: string;
  /** The agency of the staff member who took the step (agency inbox), if any. */
  actor_agency_id: string | null;
}

/** Every lifecycle step of every case in a time window, oldest first: the `servicerequestupdates` feed. */
export async function listPublicUpdates(
  db: Kysely<ServerDatabase>,
  window: { from: string; to: string; limit: number },
): Promise<PublicUpdateRow[]> {
  return db
    .selectFrom('case_events')
    .innerJoin('cases', 'cases.id', 'case_events.case_id')
    .leftJoin('users', 'users.id', 'case_events.actor_id')
    .select([
      'case_events.id as id',
      'cases.code as code',
      'case_events.at as at',
      'case_events.action as action',
      'case_events.to_state as to_state',
      'case_events.public_note as public_note',
      'case_events.data as data',
      'users.agency_id as actor_agency_id',
    ])
    .where('case_events.at', '>=', window.from)
    .where('case_events.at', '<=', window.to)
    .where('cases.channel', 'not in', INTERNAL_CHANNELS)
    .orderBy('case_events.at')
    .orderBy('case_events.id')
    .limit(window.limit)
    .execute();
}
