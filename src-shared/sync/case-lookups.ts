import { z } from 'zod';

/**
 * Online look-ups a workstation makes beside the sync streams, with its device credentials: the agency directory
 * (cached locally for offline use) and the audited reveal of a reporter's identity (never cached).
 */
export const CASE_LOOKUP_PATHS = {
  directory: '/api/cases/directory',
  revealReporter: '/api/cases/reveal-reporter',
} as const;

export const AgencyWireSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(300),
  shortName: z.string().min(1).max(200),
  kind: z.string().min(1).max(64),
});
export type AgencyWire = z.infer<typeof AgencyWireSchema>;

export const DirectoryResponseSchema = z.object({
  ok: z.literal(true),
  agencies: z.array(AgencyWireSchema).max(5000),
});
export type DirectoryResponse = z.infer<typeof DirectoryResponseSchema>;

export const RevealRequestSchema = z
  .object({ caseId: z.string().trim().min(1).max(100), actorUsername: z.string().min(1).max(128) })
  .strict();
export type RevealRequest = z.infer<typeof RevealRequestSchema>;

/** The reporter as given, for one permitted user at one moment: shown, never stored by the workstation. */
export const RevealedReporterSchema = z.object({
  name: z.string().max(400).nullable(),
  phone: z.string().max(64).nullable(),
  email: z.string().max(320).nullable(),
});
export type RevealedReporter = z.infer<typeof RevealedReporterSchema>;

export const RevealResponseSchema = z.object({
  ok: z.literal(true),
  /** null: the report was anonymous. */
  reporter: RevealedReporterSchema.nullable(),
  revealedAt: z.string().min(20).max(30),
});
export type RevealResponse = z.infer<typeof RevealResponseSchema>;
