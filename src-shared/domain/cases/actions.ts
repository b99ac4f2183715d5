import { z } from 'zod';
import { MAX_SLA_WORKING_DAYS } from './sla';

const Text = z.string().trim().min(1).max(4000);
const OptionalText = z.string().trim().min(1).max(4000).optional();
const Id = z.string().trim().min(1).max(100);
/** An extension is a handful of working days, never a way round the SLA. */
export const MAX_EXTENSION_WORKING_DAYS = 30;
const ExtensionDays = z.number().int().min(1).max(Math.min(MAX_EXTENSION_WORKING_DAYS, MAX_SLA_WORKING_DAYS));

/** `note` is internal (centre and agency); `publicNote` is shown to the citizen on the public timeline. */
const notes = { note: OptionalText, publicNote: OptionalText };

/** Every change of a case's lifecycle is one of these named actions (they are also the sync commands). */
export const CaseActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('triage'), ...notes }).strict(),
  /** The reason is published: the citizen must learn why the report was refused. */
  z.object({ type: z.literal('reject'), reason: Text, ...notes }).strict(),
  z.object({ type: z.literal('mark_duplicate'), duplicateOf: Id, ...notes }).strict(),
  z.object({ type: z.literal('forward'), agencyId: Id, ...notes }).strict(),
  z.object({ type: z.literal('accept'), ...notes }).strict(),
  /** Returned as outside the agency's competence; the reason is for the centre. */
  z.object({ type: z.literal('return'), reason: Text, ...notes }).strict(),
  z.object({ type: z.literal('start'), ...notes }).strict(),
  z.object({ type: z.literal('request_extension'), days: ExtensionDays, reason: Text, ...notes }).strict(),
  /** Without `days`, the days the agency asked for. */
  z.object({ type: z.literal('grant_extension'), days: ExtensionDays.optional(), ...notes }).strict(),
  z.object({ type: z.literal('deny_extension'), reason: Text, ...notes }).strict(),
  /** The result is published on the tracking page. */
  z.object({ type: z.literal('resolve'), result: Text, ...notes }).strict(),
  z.object({ type: z.literal('close'), ...notes }).strict(),
  z.object({ type: z.literal('reopen'), reason: Text, ...notes }).strict(),
]);
export type CaseAction = z.infer<typeof CaseActionSchema>;
export type CaseActionType = CaseAction['type'];
export const CASE_ACTION_TYPES = CaseActionSchema.options.map((o) => o.shape.type.value) as readonly CaseActionType[];
