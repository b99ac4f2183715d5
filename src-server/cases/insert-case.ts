import type { Transaction } from 'kysely';
import type { WorkingCalendar } from '../../src-shared/domain/cases/calendar';
import { newCaseSnapshot } from '../../src-shared/domain/cases/lifecycle';
import type { ServerDatabase } from '../db/schema';
import type { ServiceEntry } from '../resources/catalog';
import { lifecycleColumns } from './case-rows';
import { nextChangeSeq } from './sync-cursor';

/** What a report says of the case itself, whoever files it: text, place and a link to a photo. */
export interface ReportedFields {
  description: string | null;
  lat: number | null;
  long: number | null;
  addressString: string | null;
  addressId: string | null;
  mediaUrl: string | null;
}

/** A new case as every intake path stores it: Open311 reports and the centre's own cases. */
export interface NewCase extends ReportedFields {
  id: string;
  code: string;
  /** `citizen_report`, `centre_incident`… */
  kind: string;
  /** Where it came from: `open311`, `workstation`… (visibility.ts lists the channels the public never sees). */
  channel: string;
  service: ServiceEntry;
  attributes: Record<string, unknown>;
  apiKeyId: string | null;
  siteId: string | null;
  /** The first timeline event: who received it, any internal note, and what its `data` adds to the channel. */
  receivedBy: {
    actor: string;
    actorId: string | null;
    internalNote: string | null;
    eventData?: Record<string, unknown>;
  };
}

/**
 * Stores a case in state `received` with its SLA due date from the working calendar, its sync cursor and the
 * first timeline event, inside the caller's transaction. The caller chooses id and tracking code (and retries a
 * code drawn twice); reporters and links are the caller's business.
 */
export async function insertNewCase(
  trx: Transaction<ServerDatabase>,
  calendar: WorkingCalendar,
  input: NewCase,
  now: Date,
): Promise<{ dueAt: string; changeSeq: number }> {
  const at = now.toISOString();
  const snapshot = newCaseSnapshot({
    id: input.id,
    receivedAt: now,
    slaWorkingDays: input.service.sla_working_days,
    calendar,
  });
  const changeSeq = await nextChangeSeq(trx, 'case', input.id, at);
  await trx
    .insertInto('cases')
    .values({
      id: input.id,
      code: input.code,
      kind: input.kind,
      channel: input.channel,
      service_code: input.service.service_code,
      service_name: input.service.service_name,
      description: input.description,
      lat: input.lat,
      long: input.long,
      address_string: input.addressString,
      address_id: input.addressId,
      zipcode: null,
      media_url: input.mediaUrl,
      attributes: JSON.stringify(input.attributes),
      ...lifecycleColumns(snapshot),
      status_notes: null,
      sla_working_days: snapshot.slaWorkingDays,
      received_at: snapshot.receivedAt,
      updated_at: at,
      api_key_id: input.apiKeyId,
      site_id: input.siteId,
      version: 1,
      change_seq: changeSeq,
    })
    .execute();
  await trx
    .insertInto('case_events')
    .values({
      case_id: input.id,
      at,
      actor: input.receivedBy.actor,
      actor_id: input.receivedBy.actorId,
      action: 'receive',
      from_state: null,
      to_state: 'received',
      public_note: null,
      internal_note: input.receivedBy.internalNote,
      data: JSON.stringify({ channel: input.channel, ...input.receivedBy.eventData }),
      change_seq: changeSeq,
    })
    .execute();
  return { dueAt: snapshot.dueAt, changeSeq };
}
