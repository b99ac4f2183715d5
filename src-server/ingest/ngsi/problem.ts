/**
 * NGSI-LD errors are RFC 7807 ProblemDetails with the error types of ETSI GS CIM 009 (§5.5.2): a machine-readable
 * `type`, a `title`, and a `detail` that says exactly what was wrong. `reason` is our own short code, used for
 * the rejection counters.
 */
export const NGSI_ERROR = {
  InvalidRequest: 'https://uri.etsi.org/ngsi-ld/errors/InvalidRequest',
  BadRequestData: 'https://uri.etsi.org/ngsi-ld/errors/BadRequestData',
  AlreadyExists: 'https://uri.etsi.org/ngsi-ld/errors/AlreadyExists',
  OperationNotSupported: 'https://uri.etsi.org/ngsi-ld/errors/OperationNotSupported',
  ResourceNotFound: 'https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound',
  InternalError: 'https://uri.etsi.org/ngsi-ld/errors/InternalError',
} as const;

export const REJECT_REASONS = [
  'invalid_json',
  'bad_jsonld',
  'missing_id',
  'missing_type',
  'bad_id',
  'unknown_type',
  'wrong_unit',
  'invalid_value',
  'too_large',
  'unsupported_media_type',
  'unauthorized',
  'already_exists',
  'too_many_entities',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  reason: RejectReason;
}

const TITLES: Record<RejectReason, [keyof typeof NGSI_ERROR, number, string]> = {
  invalid_json: ['InvalidRequest', 400, 'The request body is not valid JSON'],
  bad_jsonld: ['BadRequestData', 400, 'The JSON-LD @context is invalid'],
  missing_id: ['BadRequestData', 400, 'The entity has no id'],
  missing_type: ['BadRequestData', 400, 'The entity has no type'],
  bad_id: ['BadRequestData', 400, 'The entity id is not a URI'],
  unknown_type: ['BadRequestData', 400, 'No data model is known for this entity type'],
  wrong_unit: ['BadRequestData', 400, 'An attribute has a unit that does not fit its quantity'],
  invalid_value: ['BadRequestData', 400, 'An attribute value is invalid'],
  too_large: ['BadRequestData', 413, 'The payload is too large'],
  unsupported_media_type: ['InvalidRequest', 415, 'Unsupported content type'],
  unauthorized: ['InvalidRequest', 401, 'Authentication is required'],
  already_exists: ['AlreadyExists', 409, 'The entity already exists'],
  too_many_entities: ['BadRequestData', 400, 'Too many entities in one request'],
};

export function problem(reason: RejectReason, detail: string): Problem {
  const [type, status, title] = TITLES[reason];
  return { type: NGSI_ERROR[type], title, status, detail: detail.slice(0, 1000), reason };
}

/** The wire form (without our internal reason code). */
export function problemBody(p: Problem): { type: string; title: string; status: number; detail: string } {
  return { type: p.type, title: p.title, status: p.status, detail: p.detail };
}
