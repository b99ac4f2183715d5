import { z } from 'zod';

/**
 * Cases the centre opens itself from a workstation (issue 5 §9: "creating a case from the wall"), as sync commands.
 * The workstation draws the case id, so the command works offline and its effect is known before the server
 * answers; the photo's bytes are uploaded (resumable, `/api/uploads`) before `case.attach` is pushed.
 */
const Uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a lower-case UUID');
const Code = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/);

export const CaseCreateArgsSchema = z
  .object({
    caseId: Uuid,
    serviceCode: Code,
    description: z.string().trim().min(1).max(4000),
    lat: z.number().min(-90).max(90).optional(),
    long: z.number().min(-180).max(180).optional(),
    addressString: z.string().trim().min(1).max(500).optional(),
    siteId: Code.optional(),
    /** The camera the operator was watching: recorded on the case, never trusted for anything else. */
    cameraId: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
  .refine((a) => (a.lat === undefined) === (a.long === undefined), 'lat and long go together');
export type CaseCreateArgs = z.output<typeof CaseCreateArgsSchema>;

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export const CaseAttachArgsSchema = z
  .object({
    caseId: Uuid,
    sha256: z.string().regex(SHA256_HEX, 'lower-case hex SHA-256'),
    fileName: z.string().trim().min(1).max(200),
    mime: z.enum(['image/jpeg', 'image/png', 'image/webp', 'video/mp4', 'video/quicktime', 'video/webm']),
    caption: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
export type CaseAttachArgs = z.output<typeof CaseAttachArgsSchema>;

export const CASE_CREATE_COMMAND_ARGS = {
  'case.create': CaseCreateArgsSchema,
  'case.attach': CaseAttachArgsSchema,
} as const;

/** Rejection codes of these commands (besides the general `invalid` and `forbidden`). */
export const CASE_CREATE_REJECTIONS = {
  /** The id names a case this client did not create (another client's, or one the server made). */
  caseExists: 'case_exists',
  unknownService: 'unknown_service',
  /** The site is not one of the central server's sites (a stale or mistyped site list on the workstation). */
  unknownSite: 'unknown_site',
  /** The server does not hold the attachment's bytes (not uploaded, or refused when uploaded). */
  mediaMissing: 'media_missing',
  notFound: 'not_found',
} as const;
