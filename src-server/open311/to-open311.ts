import { type CaseState, mySocietyStatusOf, open311StatusOf } from '../../src-shared/domain/cases/states';
import type { CaseRow } from '../cases/case-rows';
import type { PublicUpdateRow } from '../cases/case-queries';
import type { Agency, ServiceCatalog, ServiceEntry } from '../resources/catalog';
import type { Language } from './messages';
import type { ServiceRequestJson } from './schemas';
import { describeUpdate } from './update-descriptions';
import { formatW3c } from './w3c-datetime';

export function toService(s: ServiceEntry) {
  return {
    service_code: s.service_code,
    service_name: s.service_name,
    description: s.description,
    metadata: s.attributes.length > 0,
    type: 'realtime' as const,
    keywords: s.keywords,
    group: s.group,
  };
}

export function toServiceDefinition(s: ServiceEntry) {
  return {
    service_code: s.service_code,
    attributes: [...s.attributes].sort((a, b) => a.order - b.order).map((a) => ({ ...a, values: [...a.values] })),
  };
}

export interface PublicContext {
  catalog: ServiceCatalog;
  agencies: ReadonlyMap<string, Agency>;
}

/** A case as GeoReport v2 shows it. Never the reporter: identity lives in another table and never comes here. */
export function toServiceRequest(row: CaseRow, ctx: PublicContext): ServiceRequestJson {
  return {
    service_request_id: row.code,
    status: open311StatusOf(row.state as CaseState),
    status_notes: row.status_notes,
    service_name: row.service_name,
    service_code: row.service_code,
    description: row.description,
    agency_responsible: row.agency_id ? (ctx.agencies.get(row.agency_id)?.name ?? null) : null,
    service_notice: ctx.catalog.get(row.service_code)?.service_notice ?? null,
    requested_datetime: formatW3c(row.received_at),
    updated_datetime: formatW3c(row.updated_at),
    expected_datetime: formatW3c(row.due_at),
    address: row.address_string,
    address_id: row.address_id,
    zipcode: row.zipcode,
    lat: row.lat,
    long: row.long,
    media_url: row.media_url,
  };
}

/** The agency a step concerns: forwarded to or returned by (event data), else the acting staff member's. */
function agencyIdOf(row: PublicUpdateRow): string | null {
  try {
    const data: unknown = JSON.parse(row.data);
    const id = typeof data === 'object' && data !== null ? (data as { agencyId?: unknown }).agencyId : undefined;
    if (typeof id === 'string') return id;
  } catch {
    // Unreadable data: fall back to the actor's agency.
  }
  return row.actor_agency_id;
}

export function toRequestUpdate(row: PublicUpdateRow, ctx: PublicContext, language: Language) {
  const state = row.to_state as CaseState;
  const agencyId = agencyIdOf(row);
  return {
    update_id: String(row.id),
    service_request_id: row.code,
    status: mySocietyStatusOf(state),
    updated_datetime: formatW3c(row.at),
    description: describeUpdate(language, {
      action: row.action,
      publicNote: row.public_note,
      agencyName: agencyId ? (ctx.agencies.get(agencyId)?.name ?? null) : null,
    }),
    media_url: '',
    external_status_code: state,
  };
}
