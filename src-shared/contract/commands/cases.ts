import { z } from 'zod';
import { CaseStateSchema } from '../../domain/cases/states';
import {
  AgencySchema,
  CaseActionTypeSchema,
  CaseDetailSchema,
  CaseSummarySchema,
  ConflictSchema,
  RevealedReporterSchema,
  SyncStatusSchema,
} from '../cases';
import { defineCommand } from '../define';

const CaseId = z.string().trim().min(1).max(100);
const Note = z.string().trim().min(1).max(4000);
const Queued = z.object({
  /** This workstation's command number; the command is in the outbox and syncs when the server is reachable. */
  seq: z.number().int().min(1),
  pending: z.number().int().min(0),
});

/**
 * Cases work offline: reads come from the local mirror, writes become named commands in the outbox (applied
 * optimistically here, exactly once on the server, which may still reject them into the conflicts inbox).
 */
export const casesCommands = {
  'cases.list': defineCommand({
    summary: 'Cases from the local mirror, newest first; search ignores case and Vietnamese diacritics',
    input: z
      .object({
        query: z.string().max(200).optional(),
        /** A lifecycle state, or Open311's open|closed. */
        status: z.union([CaseStateSchema, z.enum(['open', 'closed'])]).optional(),
        /** Only this site's cases (checked against the caller's sites like every siteId); null: of no site. */
        siteId: z.string().trim().min(1).max(64).nullable().optional(),
        /** Only this category (Open311 service_code). */
        serviceCode: z.string().trim().min(1).max(64).optional(),
        /** Only the cases forwarded to this agency; null: to none yet. */
        agencyId: z.string().trim().min(1).max(100).nullable().optional(),
        /** Only open cases past their due date. */
        overdue: z.boolean().optional(),
        limit: z.number().int().min(1).max(1000).default(100),
        offset: z.number().int().min(0).max(10_000_000).default(0),
      })
      .strict(),
    output: z.object({
      items: z.array(CaseSummarySchema),
      total: z.number().int().min(0),
      /** The count stopped (at 1,000, at the page's end or at the newest cases it reads): there are at least `total`. */
      totalCapped: z.boolean(),
    }),
    permission: 'cases.read',
  }),
  'cases.get': defineCommand({
    summary: 'One case with its timeline, including this workstation’s unsent actions',
    input: z.object({ id: CaseId }).strict(),
    output: CaseDetailSchema,
    permission: 'cases.read',
  }),
  'case.comment': defineCommand({
    summary: 'Add an internal note to a case’s timeline (queued; syncs when the server is reachable)',
    input: z.object({ caseId: CaseId, text: Note }).strict(),
    output: Queued,
    permission: 'cases.write',
  }),
  'case.transition': defineCommand({
    summary: 'Move a case to another lifecycle state (queued; the server applies the real rules)',
    input: z
      .object({
        caseId: CaseId,
        to: CaseStateSchema,
        /** Internal note; also the reason or result when the step needs one and none is given. */
        note: Note.optional(),
        /** Shown to the citizen on the tracking page. */
        publicNote: Note.optional(),
        /** Only when two steps lead to `to` (grant or deny an extension). */
        action: CaseActionTypeSchema.optional(),
        reason: Note.optional(),
        result: Note.optional(),
        agencyId: z.string().trim().min(1).max(100).optional(),
        duplicateOf: CaseId.optional(),
        days: z.number().int().min(1).max(30).optional(),
      })
      .strict(),
    output: Queued.extend({ action: CaseActionTypeSchema, state: CaseStateSchema }),
    permission: 'cases.write',
  }),
  'case.assign': defineCommand({
    summary: 'Set who in the centre follows a case up (a username), or clear it (queued)',
    input: z.object({ caseId: CaseId, assignee: z.string().trim().min(1).max(128).nullable() }).strict(),
    output: Queued,
    permission: 'cases.write',
  }),
  'agencies.list': defineCommand({
    summary: 'The agency directory of the central server, by name (the last copy fetched when offline)',
    input: z.object({}).strict(),
    output: z.object({
      items: z.array(AgencySchema),
      /** When the copy shown was fetched from the central server; null: never. */
      fetchedAt: z.string().nullable(),
    }),
    permission: 'cases.read',
  }),
  'case.revealReporter': defineCommand({
    summary: 'Show who reported a case (name, phone, email): needs the central server, every reveal is audited',
    input: z.object({ caseId: CaseId }).strict(),
    output: z.object({ reporter: RevealedReporterSchema.nullable(), revealedAt: z.string() }),
    permission: 'identity.reveal',
  }),
  'sync.status': defineCommand({
    summary: 'Whether the central server is reachable, unsent commands, conflicts, last sync',
    input: z.object({}).strict(),
    output: SyncStatusSchema,
    permission: null,
  }),
  'sync.conflicts': defineCommand({
    summary: 'Commands the central server rejected, newest first',
    input: z.object({ includeResolved: z.boolean().default(false) }).strict(),
    output: z.array(ConflictSchema),
    permission: 'cases.write',
  }),
  'sync.resolveConflict': defineCommand({
    summary: 'Discard a rejected command, or queue it again (optionally with edited arguments)',
    input: z
      .object({
        id: z.number().int().min(1),
        resolution: z.enum(['discard', 'retry']),
        /** For retry: replacement arguments of the same command (checked like the original). */
        args: z.unknown().optional(),
      })
      .strict(),
    output: z.object({ resolved: z.literal(true), seq: z.number().int().nullable() }),
    permission: 'cases.write',
  }),
} as const;
