import { z } from 'zod';
import { CASE_ACTION_TYPES } from '../domain/cases/actions';
import { CaseStateSchema } from '../domain/cases/states';
import { MaskedReporterSchema } from '../sync/protocol';

/**
 * Cases as the workstation shows them: the mirror of the central server with this workstation's unsent commands
 * applied on top (optimistic), so an operator sees their own action at once, online or not.
 */
export const CaseActionTypeSchema = z.enum(CASE_ACTION_TYPES);

export const CaseSummarySchema = z.object({
  id: z.string(),
  /** Public tracking code, e.g. DT-7K3M-9Q. */
  code: z.string(),
  serviceCode: z.string(),
  serviceName: z.string(),
  state: CaseStateSchema,
  status: z.enum(['open', 'closed']),
  /** The first 200 characters. */
  excerpt: z.string().nullable(),
  addressString: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  agencyId: z.string().nullable(),
  /** The centre's site whose operators see the case; null: every site's (no location, or outside every area). */
  siteId: z.string().nullable(),
  assignee: z.string().nullable(),
  receivedAt: z.string(),
  dueAt: z.string(),
  updatedAt: z.string(),
  /** Open and past its due date. */
  overdue: z.boolean(),
  /** This workstation's commands on the case the server has not applied yet. */
  pending: z.number().int().min(0),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const TimelineEntrySchema = z.object({
  /** `e<n>` for a server event, `p<n>` for an unsent command of this workstation. */
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  actorName: z.string().nullable(),
  /** A lifecycle action, `comment`, `assign` or `receive`. */
  action: z.string(),
  fromState: CaseStateSchema.nullable(),
  toState: CaseStateSchema,
  publicNote: z.string().nullable(),
  internalNote: z.string().nullable(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** Not yet confirmed by the central server. */
  pending: z.boolean(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** A photo or video of the case (its published copy: no EXIF, no GPS), from the central server via sync. */
export const CaseAttachmentSchema = z.object({
  id: z.string(),
  /** Served by the core at `/api/media/<sha256>` (session required); so is the thumbnail. */
  sha256: z.string(),
  thumbSha256: z.string(),
  kind: z.enum(['photo', 'video']),
  mime: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  /** Shown on the public tracking page too. */
  public: z.boolean(),
  /** Who added it: the citizen, the agency handling the case, or the centre. */
  origin: z.enum(['citizen', 'agency', 'centre']),
  /** What it shows: the citizen's report, progress, or the result. */
  role: z.enum(['citizen', 'progress', 'result']),
  createdAt: z.string(),
  /** Whether the file and its thumbnail are on this workstation already (viewable offline). */
  cached: z.boolean(),
  thumbCached: z.boolean(),
});
export type CaseAttachment = z.infer<typeof CaseAttachmentSchema>;

export const CaseDetailSchema = CaseSummarySchema.extend({
  description: z.string().nullable(),
  statusNotes: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  slaWorkingDays: z.number().int(),
  pendingExtensionDays: z.number().int().nullable(),
  extensionCount: z.number().int(),
  reopenCount: z.number().int(),
  publicResult: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Server version of the mirrored row. */
  version: z.number().int(),
  /** Masked by the server (initials, last digits); null when there is no reporter or the caller may not see it. */
  reporter: MaskedReporterSchema.nullable(),
  /** Oldest first: server events, then this workstation's unsent commands. */
  timeline: z.array(TimelineEntrySchema),
  /** What the caller may do next (buttons): the action and the state it leads to. */
  next: z.array(z.object({ action: CaseActionTypeSchema, to: CaseStateSchema })),
  /** Photos and videos, in the order they were added. */
  attachments: z.array(CaseAttachmentSchema),
});
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

/**
 * `offline`: the server cannot be reached (commands queue up). `syncing`: catching up page by page. `live`: up to
 * date and waiting for changes. `upgrade_required`: the server refuses this version. `revoked`: an administrator
 * revoked this workstation. `not_configured`: no server (and no enrolment secret) to sync with.
 */
export const SYNC_STATES = [
  'not_configured',
  'connecting',
  'syncing',
  'live',
  'offline',
  'error',
  'upgrade_required',
  'revoked',
  'stopped',
] as const;
export const SyncStateSchema = z.enum(SYNC_STATES);

export const SyncStatusSchema = z.object({
  connected: z.boolean(),
  /** Commands not yet answered by the server. */
  pending: z.number().int().min(0),
  /** Rejected commands waiting in the conflicts inbox. */
  conflicts: z.number().int().min(0),
  /** When the mirror was last confirmed up to date with the server. */
  lastSyncAt: z.string().nullable(),
  state: SyncStateSchema,
  serverUrl: z.string().nullable(),
  /** When the oldest unsent command was made. */
  oldestPendingAt: z.string().nullable(),
  /** The watchdog's verdict: the oldest unsent command has waited too long while the server answered. */
  stalled: z.boolean(),
  lastError: z.string().nullable(),
  /** upgrade_required: the oldest version the server accepts. */
  minVersion: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const ConflictSchema = z.object({
  id: z.number().int(),
  /** The command as it was queued. */
  name: z.string(),
  args: z.unknown(),
  caseId: z.string().nullable(),
  actorUsername: z.string(),
  createdAt: z.string(),
  /** The server's reason, e.g. illegal_transition, forbidden, not_found. */
  code: z.string(),
  message: z.string(),
  rejectedAt: z.string(),
  resolution: z.enum(['discarded', 'retried']).nullable(),
  resolvedAt: z.string().nullable(),
});
export type Conflict = z.infer<typeof ConflictSchema>;

/** An agency cases are forwarded to, from the central server's directory (cached for offline use). */
export const AgencySchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  /** police, department, utility, ward, centre: data, not an enum. */
  kind: z.string(),
});
export type Agency = z.infer<typeof AgencySchema>;

/** A reporter's identity, revealed for one permitted user at one moment (audited on the server and here). */
export const RevealedReporterSchema = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type RevealedReporter = z.infer<typeof RevealedReporterSchema>;
