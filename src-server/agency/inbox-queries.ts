import type { Kysely } from 'kysely';
import { allowedActions } from '../../src-shared/domain/cases/lifecycle';
import { type CaseState, CaseStateSchema } from '../../src-shared/domain/cases/states';
import { snapshotOf } from '../cases/case-rows';
import type { ServerDatabase } from '../db/schema';

export interface InboxRow {
  id: string;
  code: string;
  serviceName: string;
  state: CaseState;
  receivedAt: string;
  dueAt: string;
  addressString: string | null;
}

/** States an agency still has work in, listed first; what it resolved stays visible below them. */
const OPEN_FIRST: readonly CaseState[] = ['forwarded', 'accepted', 'in_progress', 'extension_requested'];
const INBOX_LIMIT = 500;

export async function agencyInbox(db: Kysely<ServerDatabase>, agencyId: string): Promise<InboxRow[]> {
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'code', 'service_name', 'state', 'received_at', 'due_at', 'address_string'])
    .where('agency_id', '=', agencyId)
    .orderBy('due_at')
    .limit(INBOX_LIMIT)
    .execute();
  const mapped = rows.map((r) => ({
    id: r.id,
    code: r.code,
    serviceName: r.service_name,
    state: CaseStateSchema.parse(r.state),
    receivedAt: r.received_at,
    dueAt: r.due_at,
    addressString: r.address_string,
  }));
  const rank = (s: CaseState) => (OPEN_FIRST.includes(s) ? 0 : 1);
  return mapped.sort((a, b) => rank(a.state) - rank(b.state));
}

export interface AgencyCase extends InboxRow {
  agencyId: string | null;
  description: string | null;
  lat: number | null;
  long: number | null;
  pendingExtensionDays: number | null;
  publicResult: string | null;
  /** The lifecycle actions this agency may take now (each may still be refused for its arguments). */
  allowed: string[];
  events: AgencyEvent[];
}

export interface AgencyEvent {
  at: string;
  action: string;
  toState: CaseState;
  publicNote: string | null;
  internalNote: string | null;
}

/** The centre's own chatter stays at the centre; the lifecycle's notes are for the agency too. */
const CENTRE_ONLY: ReadonlySet<string> = new Set(['comment', 'assign', 'rating']);

export async function agencyCase(
  db: Kysely<ServerDatabase>,
  caseId: string,
  agencyId: string,
): Promise<AgencyCase | null> {
  const r = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!r) return null;
  const events = await db
    .selectFrom('case_events')
    .select(['at', 'action', 'to_state', 'public_note', 'internal_note'])
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
  return {
    id: r.id,
    code: r.code,
    serviceName: r.service_name,
    state: CaseStateSchema.parse(r.state),
    receivedAt: r.received_at,
    dueAt: r.due_at,
    addressString: r.address_string,
    agencyId: r.agency_id,
    description: r.description,
    lat: r.lat,
    long: r.long,
    pendingExtensionDays: r.pending_extension_days,
    publicResult: r.public_result,
    allowed: allowedActions(snapshotOf(r), { actor: 'agency', agencyId }),
    events: events
      .filter((e) => !CENTRE_ONLY.has(e.action))
      .map((e) => ({
        at: e.at,
        action: e.action,
        toState: CaseStateSchema.parse(e.to_state),
        publicNote: e.public_note,
        internalNote: e.internal_note,
      })),
  };
}
