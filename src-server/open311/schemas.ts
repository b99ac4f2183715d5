import { z } from 'zod';
import { MYSOCIETY_STATUSES } from '../../src-shared/domain/cases/states';
import { DATATYPES } from '../resources/catalog';
import { parseW3cDatetime } from './w3c-datetime';

/**
 * The GeoReport v2 responses, field by field as the spec names them. Every response is parsed with these before
 * it is sent, so a bug shows as an error here rather than as malformed output at a client.
 */
const W3c = z.string().refine((s) => parseW3cDatetime(s)?.dateOnly === false, 'not a W3C datetime with zone');
const Text = z.string();

export const ServiceSchema = z
  .object({
    service_code: Text,
    service_name: Text,
    description: Text,
    metadata: z.boolean(),
    type: z.enum(['realtime', 'batch', 'blackbox']),
    keywords: Text,
    group: Text,
  })
  .strict();
export const ServiceListSchema = z.array(ServiceSchema);

export const ServiceDefinitionSchema = z
  .object({
    service_code: Text,
    attributes: z.array(
      z
        .object({
          variable: z.boolean(),
          code: Text,
          datatype: z.enum(DATATYPES),
          required: z.boolean(),
          datatype_description: Text.nullable(),
          order: z.number().int().positive(),
          description: Text,
          values: z.array(z.object({ key: Text, name: Text }).strict()),
        })
        .strict(),
    ),
  })
  .strict();

export const PostResponseSchema = z
  .array(z.object({ service_request_id: Text, service_notice: Text.nullable(), account_id: Text.nullable() }).strict())
  .length(1);

export const ServiceRequestSchema = z
  .object({
    service_request_id: Text,
    status: z.enum(['open', 'closed']),
    status_notes: Text.nullable(),
    service_name: Text,
    service_code: Text,
    description: Text.nullable(),
    agency_responsible: Text.nullable(),
    service_notice: Text.nullable(),
    requested_datetime: W3c,
    updated_datetime: W3c,
    expected_datetime: W3c.nullable(),
    address: Text.nullable(),
    address_id: Text.nullable(),
    zipcode: Text.nullable(),
    lat: z.number().min(-90).max(90).nullable(),
    long: z.number().min(-180).max(180).nullable(),
    media_url: Text.nullable(),
  })
  .strict();
export type ServiceRequestJson = z.infer<typeof ServiceRequestSchema>;
export const ServiceRequestListSchema = z.array(ServiceRequestSchema);

/** mySociety's `servicerequestupdates` extension (open311-adapter, Role::mySociety). */
export const RequestUpdateSchema = z
  .object({
    update_id: Text,
    service_request_id: Text,
    status: z.enum(MYSOCIETY_STATUSES),
    updated_datetime: W3c,
    description: Text,
    media_url: Text,
    external_status_code: Text,
  })
  .strict();
export const RequestUpdateListSchema = z.array(RequestUpdateSchema);

export const ErrorListSchema = z.array(z.object({ code: z.number().int(), description: Text.min(1) }).strict()).min(1);

/** Open311 Service Discovery. */
export const DiscoverySchema = z
  .object({
    changeset: W3c,
    contact: Text,
    key_service: Text,
    endpoints: z.array(
      z
        .object({
          specification: z.literal('http://wiki.open311.org/GeoReport_v2'),
          url: Text,
          changeset: W3c,
          type: z.enum(['production', 'test']),
          formats: z.array(z.enum(['text/xml', 'application/json'])),
        })
        .strict(),
    ),
  })
  .strict();

/** Item element names of the XML lists. */
export const XML_ITEMS: Readonly<Record<string, string>> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
};
