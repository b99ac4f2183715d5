import { z } from 'zod';
import { defineCommand } from '../define';

/** A case category the centre handles (Open311 service), as the new-case form lists it. */
export const CaseServiceSchema = z.object({
  serviceCode: z.string(),
  serviceName: z.string(),
  group: z.string(),
  slaWorkingDays: z.number().int().min(1),
});
export type CaseService = z.infer<typeof CaseServiceSchema>;

/**
 * Opening a case from the workstation (issue 5 §9): works offline like every case action. The case shows in the
 * inbox at once as pending; with `snapshotCameraId` the core grabs the camera's picture and attaches it (uploaded
 * before the commands reach the server).
 */
export const caseCreateCommands = {
  'case.create': defineCommand({
    summary: 'Open a new case in the centre, optionally with a camera snapshot attached (queued; syncs when online)',
    input: z
      .object({
        serviceCode: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
        description: z.string().trim().min(1).max(4000),
        lat: z.number().min(-90).max(90).optional(),
        long: z.number().min(-180).max(180).optional(),
        addressString: z.string().trim().min(1).max(500).optional(),
        siteId: z.string().trim().min(1).max(64).optional(),
        /** Grab a JPEG from this camera and attach it; its location fills lat/long when they are not given. */
        snapshotCameraId: z.string().trim().min(1).max(100).optional(),
      })
      .strict()
      .refine((i) => (i.lat === undefined) === (i.long === undefined), 'lat and long go together'),
    output: z.object({
      caseId: z.string(),
      pending: z.literal(true),
      /** This workstation's number of the `case.create` command. */
      seq: z.number().int().min(1),
      /** attached: queued with the case; failed: the case was queued without it (see snapshotError). */
      snapshot: z.enum(['none', 'attached', 'failed']),
      snapshotError: z.string().optional(),
    }),
    permission: 'cases.write',
  }),
  'case.services': defineCommand({
    summary: 'The case categories (Open311 services) a new case may take',
    input: z.object({}).strict(),
    output: z.object({ items: z.array(CaseServiceSchema) }),
    permission: 'cases.read',
  }),
} as const;
