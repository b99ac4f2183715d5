import { expect } from 'vitest';

// Field lists copied from the GeoReport v2 specification (wiki.open311.org/GeoReport_v2), in its order.
export const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
export const ATTRIBUTE_FIELDS = [
  'variable',
  'code',
  'datatype',
  'required',
  'datatype_description',
  'order',
  'description',
  'values',
];
export const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];
export const DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'];
// "Timezone information (either Z meaning UTC, or an HH:MM offset from UTC) must be included."
export const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
export const JSON_TYPE = 'application/json; charset=utf-8';
export const XML_TYPE = 'text/xml; charset=utf-8';
export const DUTIES = [
  'security',
  'traffic',
  'urban-order',
  'sanitation',
  'water',
  'waste',
  'drainage',
  'lighting',
  'wifi',
  'public-services',
];

/** The spec's error body: a non-empty array of {code, description}. Returns the descriptions. */
export function expectSpecError(reply: { status: number; json: unknown; contentType: string }, status: number): string {
  expect(reply.status).toBe(status);
  expect(reply.contentType).toBe(JSON_TYPE);
  const errors = reply.json as { code: number; description: string }[];
  expect(Array.isArray(errors) && errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(Object.keys(e)).toEqual(['code', 'description']);
    expect(Number.isInteger(e.code)).toBe(true);
    expect(e.description.length).toBeGreaterThan(0);
  }
  return errors.map((e) => e.description).join(' | ');
}
