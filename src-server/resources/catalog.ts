import { z } from 'zod';
import { MAX_SLA_WORKING_DAYS } from '../../src-shared/domain/cases/sla';

const CODE = /^[A-Za-z0-9_.-]{1,64}$/;
export const DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type AttributeDatatype = (typeof DATATYPES)[number];
const LIST_TYPES: ReadonlySet<AttributeDatatype> = new Set(['singlevaluelist', 'multivaluelist']);

/** One Open311 service-definition attribute, with the spec's field names. */
export const AttributeSchema = z
  .object({
    variable: z.boolean(),
    code: z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'attribute codes travel as attribute[code]: ASCII letters, digits, _'),
    datatype: z.enum(DATATYPES),
    required: z.boolean(),
    datatype_description: z.string().nullable(),
    order: z.number().int().positive(),
    description: z.string().min(1),
    values: z.array(z.object({ key: z.string().regex(CODE), name: z.string().min(1) }).strict()),
  })
  .strict()
  .refine((a) => LIST_TYPES.has(a.datatype) === a.values.length > 0, 'only list datatypes have values, and they must')
  .refine((a) => a.variable || !a.required, 'an informational (variable=false) attribute cannot be required');
export type ServiceAttribute = z.infer<typeof AttributeSchema>;

export const ServiceEntrySchema = z
  .object({
    service_code: z.string().regex(CODE),
    service_name: z.string().min(1),
    description: z.string().min(1),
    keywords: z.string(),
    group: z.string().min(1),
    sla_working_days: z.number().int().min(1).max(MAX_SLA_WORKING_DAYS),
    default_agency: z.string().min(1),
    service_notice: z.string().min(1),
    attributes: z.array(AttributeSchema),
  })
  .strict()
  .superRefine((s, ctx) => {
    const codes = s.attributes.map((a) => a.code);
    const orders = s.attributes.map((a) => a.order);
    if (new Set(codes).size !== codes.length) ctx.addIssue({ code: 'custom', message: `${s.service_code}: repeated attribute code` });
    if (new Set(orders).size !== orders.length) ctx.addIssue({ code: 'custom', message: `${s.service_code}: repeated attribute order` });
  });
export type ServiceEntry = z.infer<typeof ServiceEntrySchema>;

export const ServicesFileSchema = z
  .object({ _comment: z.string().optional(), services: z.array(ServiceEntrySchema).min(1) })
  .strict()
  .refine((f) => new Set(f.services.map((s) => s.service_code)).size === f.services.length, 'repeated service_code');

export const AgencySchema = z
  .object({
    id: z.string().regex(CODE),
    name: z.string().min(1),
    short_name: z.string().min(1),
    kind: z.enum(['police', 'department', 'utility', 'ward', 'centre']),
    handles: z.array(z.string()),
  })
  .strict();
export type Agency = z.infer<typeof AgencySchema>;

export const AgenciesFileSchema = z
  .object({ _comment: z.string().optional(), agencies: z.array(AgencySchema).min(1) })
  .strict()
  .refine((f) => new Set(f.agencies.map((a) => a.id)).size === f.agencies.length, 'repeated agency id');

export interface ServiceCatalog {
  readonly services: readonly ServiceEntry[];
  get(code: string): ServiceEntry | undefined;
}

export function createCatalog(services: readonly ServiceEntry[]): ServiceCatalog {
  const byCode = new Map(services.map((s) => [s.service_code, s]));
  return { services, get: (code) => byCode.get(code) };
}
