import { z } from 'zod';
import { CaseActionSchema } from '../domain/cases/actions';
import { CaseStateSchema } from '../domain/cases/states';
import { ALERT_COMMAND_ARGS } from './alert-protocol';
import { CASE_CREATE_COMMAND_ARGS } from './case-create-protocol';
import { WALL_COMMAND_ARGS, WallItemWireSchema } from './wall-protocol';

/**
 * The sync protocol between a workstation and the central server (DESIGN.md §6). Both sides parse every message
 * with these schemas: the server what a device sends, the workstation every reply (a malformed or replayed reply
 * is refused before it touches the mirror).
 */
export const SYNC_PROTOCOL_VERSION = 2;
/**
 * The oldest protocol the server still serves, per request. 2 changed only the pull page (cases and events as
 * positional rows under a column header, page-wire.ts): a workstation of protocol 1 is refused its pull
 * (upgrade_required) rather than misreading pages, and may still enrol and deliver its queued commands and audit.
 */
export const OLDEST_SYNC_PROTOCOL = { pull: 2, other: 1 } as const;

export const SYNC_HEADERS = {
  clientVersion: 'x-ioc-client-version',
  protocol: 'x-ioc-sync-protocol',
} as const;

/** Longest a pull may be held open waiting for a change (long-poll). */
export const MAX_PULL_WAIT_MS = 25_000;
export const MAX_PULL_LIMIT = 5000;
export const MAX_PUSH_COMMANDS = 200;

const Epoch = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const Seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Id = z.string().trim().min(1).max(100);
const Instant = z.string().min(20).max(30);

/** `<epoch>:<seq>`: where a workstation's mirror stands. The epoch changes when the server orders a re-sync. */
export const CursorTextSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}:\d{1,16}$/);
export interface Cursor {
  epoch: string;
  seq: number;
}
export function formatCursor(cursor: Cursor): string {
  return `${cursor.epoch}:${cursor.seq}`;
}
export function parseCursor(text: string): Cursor | null {
  if (!CursorTextSchema.safeParse(text).success) return null;
  const at = text.lastIndexOf(':');
  const seq = Number(text.slice(at + 1));
  return Number.isSafeInteger(seq) ? { epoch: text.slice(0, at), seq } : null;
}

// ── commands (upstream) ─────────────────────────────────────────────────────────────────────────────────────

export const CaseTransitionArgsSchema = z.object({ caseId: Id, action: CaseActionSchema }).strict();
export const CaseCommentArgsSchema = z.object({ caseId: Id, text: z.string().trim().min(1).max(4000) }).strict();
/** Who in the centre follows the case up: a username, or null to clear it. Last write by server order wins. */
export const CaseAssignArgsSchema = z
  .object({ caseId: Id, assignee: z.string().trim().min(1).max(128).nullable() })
  .strict();

/** Every named command a workstation may queue, with its arguments. Rename = a new name (never change a shape). */
export const SYNC_COMMAND_ARGS = {
  'case.transition': CaseTransitionArgsSchema,
  'case.comment': CaseCommentArgsSchema,
  'case.assign': CaseAssignArgsSchema,
  ...CASE_CREATE_COMMAND_ARGS,
  ...WALL_COMMAND_ARGS,
  ...ALERT_COMMAND_ARGS,
} as const;
export type SyncCommandName = keyof typeof SYNC_COMMAND_ARGS;
export const SYNC_COMMAND_NAMES = Object.keys(SYNC_COMMAND_ARGS) as SyncCommandName[];
export type SyncCommandArgs<N extends SyncCommandName> = z.output<(typeof SYNC_COMMAND_ARGS)[N]>;

export function isSyncCommandName(name: string): name is SyncCommandName {
  return Object.hasOwn(SYNC_COMMAND_ARGS, name);
}

export const ClientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const PushCommandSchema = z
  .object({
    seq: Seq.min(1),
    /** Checked against SYNC_COMMAND_ARGS by the server, so an unknown name is a per-command rejection. */
    name: z.string().min(1).max(64),
    args: z.unknown(),
    actorUsername: z.string().min(1).max(128),
    /** The workstation's clock when the operator acted: recorded, never used to order anything. */
    createdAt: Instant,
  })
  .strict();
export type PushCommand = z.infer<typeof PushCommandSchema>;

export const PushRequestSchema = z
  .object({ clientId: ClientIdSchema, commands: z.array(PushCommandSchema).min(1).max(MAX_PUSH_COMMANDS) })
  .strict()
  .refine((r) => r.commands.every((c, i) => i === 0 || c.seq === r.commands[i - 1]!.seq + 1), {
    message: 'commands must be consecutive by seq',
  });
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const RejectionSchema = z.object({ code: z.string().min(1).max(64), message: z.string().max(1000) });
export type Rejection = z.infer<typeof RejectionSchema>;

const Applied = z.object({ seq: Seq, status: z.literal('applied'), changeSeq: Seq });
const Rejected = z.object({ seq: Seq, status: z.literal('rejected'), ...RejectionSchema.shape });
export const PushResultSchema = z.discriminatedUnion('status', [
  Applied,
  Rejected,
  /** Seen before (a retry after a lost reply): what happened the first time. */
  z.object({
    seq: Seq,
    status: z.literal('duplicate'),
    original: z.discriminatedUnion('status', [Applied.omit({ seq: true }), Rejected.omit({ seq: true })]),
  }),
  /** Arrived before an earlier command of the same client: nothing applied, send from `expected`. */
  z.object({ seq: Seq, status: z.literal('out_of_order'), expected: Seq.min(1) }),
]);
export type PushResult = z.infer<typeof PushResultSchema>;

export const PushResponseSchema = z.object({ ok: z.literal(true), epoch: Epoch, results: z.array(PushResultSchema) });
export type PushResponse = z.infer<typeof PushResponseSchema>;

// ── mirror rows (downstream) ─────────────────────────────────────────────────────────────────────────────────

/** Reporter identity as a workstation may hold it: masked on the server, never the real values. */
export const MaskedReporterSchema = z.object({
  name: z.string().max(200).nullable(),
  phone: z.string().max(64).nullable(),
  email: z.string().max(320).nullable(),
});
export type MaskedReporter = z.infer<typeof MaskedReporterSchema>;

const Text = z.string().max(8000).nullable();

export const CaseWireSchema = z.object({
  id: Id,
  code: z.string().min(1).max(32),
  kind: z.string().max(64),
  channel: z.string().max(64),
  serviceCode: z.string().max(64),
  serviceName: z.string().max(300),
  description: Text,
  lat: z.number().min(-90).max(90).nullable(),
  long: z.number().min(-180).max(180).nullable(),
  addressString: Text,
  state: CaseStateSchema,
  status: z.enum(['open', 'closed']),
  statusNotes: Text,
  agencyId: z.string().max(100).nullable(),
  duplicateOf: z.string().max(100).nullable(),
  assignee: z.string().max(128).nullable(),
  /** The centre's site whose operators see the case; null: every site's (absent from older servers). */
  siteId: z.string().max(64).nullable().default(null),
  slaWorkingDays: z.number().int(),
  pendingExtensionDays: z.number().int().nullable(),
  extensionCount: z.number().int(),
  reopenCount: z.number().int(),
  publicResult: Text,
  rejectionReason: Text,
  receivedAt: Instant,
  dueAt: Instant,
  updatedAt: Instant,
  resolvedAt: Instant.nullable(),
  closedAt: Instant.nullable(),
  version: z.number().int().min(1),
  changeSeq: Seq,
  reporter: MaskedReporterSchema.nullable(),
});
export type CaseWire = z.infer<typeof CaseWireSchema>;

export const CaseEventWireSchema = z.object({
  id: z.number().int().min(1),
  caseId: Id,
  at: Instant,
  actor: z.string().max(64),
  actorName: z.string().max(200).nullable(),
  action: z.string().max(64),
  fromState: CaseStateSchema.nullable(),
  toState: CaseStateSchema,
  publicNote: Text,
  internalNote: Text,
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  changeSeq: Seq,
});
export type CaseEventWire = z.infer<typeof CaseEventWireSchema>;

/**
 * A photo or video attached to a case, as a workstation may show it: `sha256` is the published copy (re-encoded,
 * no EXIF/GPS), never the original. `origin` says who added it (a citizen through Open311, the agency handling
 * the case, or the centre); `role` what it is (the citizen's report, progress, the result).
 */
export const AttachmentWireSchema = z.object({
  id: Id,
  caseId: Id,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  thumbSha256: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(['photo', 'video']),
  mime: z.string().min(3).max(100),
  width: z.number().int().min(0).nullable(),
  height: z.number().int().min(0).nullable(),
  durationMs: z.number().int().min(0).nullable(),
  public: z.boolean(),
  origin: z.enum(['citizen', 'agency', 'centre']),
  role: z.enum(['citizen', 'progress', 'result']),
  createdAt: Instant,
  changeSeq: Seq,
});
export type AttachmentWire = z.infer<typeof AttachmentWireSchema>;

export const PullResponseSchema = z
  .object({
    ok: z.literal(true),
    epoch: Epoch,
    /** The cursor the page starts after (echoes the request): a reply to another request is refused. */
    since: Seq,
    /** Where the mirror stands once this page is saved. */
    cursor: CursorTextSchema,
    /** True when nothing newer existed when the page was read: paging is done, live waiting starts. */
    upToDate: z.boolean(),
    serverTime: Instant,
    cases: z.array(CaseWireSchema).max(MAX_PULL_LIMIT * 2),
    events: z.array(CaseEventWireSchema).max(MAX_PULL_LIMIT * 4),
    /** Wall layouts and tours changed in the page (wall-protocol.ts); absent from older servers. */
    wall: z.array(WallItemWireSchema).max(MAX_PULL_LIMIT).default([]),
    /** Attachments added to cases in the page; absent from older servers. */
    attachments: z.array(AttachmentWireSchema).max(MAX_PULL_LIMIT).default([]),
  })
  .refine((p) => parseCursor(p.cursor)?.epoch === p.epoch, 'cursor from another epoch')
  .refine((p) => (parseCursor(p.cursor)?.seq ?? -1) >= p.since, 'cursor behind the request')
  .refine(
    (p) => {
      const end = parseCursor(p.cursor)?.seq ?? -1;
      const inPage = (s: number) => s > p.since && s <= end;
      return [...p.cases, ...p.events, ...p.wall, ...p.attachments].every((row) => inPage(row.changeSeq));
    },
    { message: 'rows outside the page' },
  );
export type PullResponse = z.infer<typeof PullResponseSchema>;

// ── enrolment and errors ────────────────────────────────────────────────────────────────────────────────────

export const EnrolRequestSchema = z
  .object({ enrolSecret: z.string().min(16).max(256), label: z.string().trim().min(1).max(200) })
  .strict();
export const EnrolResponseSchema = z.object({
  ok: z.literal(true),
  deviceId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  deviceSecret: z.string().min(32).max(128),
  epoch: Epoch,
});
export type EnrolResponse = z.infer<typeof EnrolResponseSchema>;

/** Compares dotted versions numerically (`0.10.0` > `0.9.3`); a pre-release suffix is ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .split('-')[0]!
      .split('.')
      .map((n) => Number.parseInt(n, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export const SYNC_ERROR_CODES = [
  'invalid_input',
  'unauthorized',
  'device_revoked',
  'forbidden',
  'upgrade_required',
  'resync_required',
  'enrolment_closed',
  'internal',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export const SyncErrorReplySchema = z.object({
  ok: z.literal(false),
  error: z.object({
    code: z.enum(SYNC_ERROR_CODES),
    message: z.string().max(2000),
    /** upgrade_required: the oldest workstation version this server accepts. */
    minVersion: z.string().max(32).optional(),
    /** resync_required: the server's current epoch. */
    epoch: Epoch.optional(),
  }),
});
export type SyncErrorReply = z.infer<typeof SyncErrorReplySchema>;
