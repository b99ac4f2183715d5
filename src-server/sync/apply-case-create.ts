import type { Transaction } from 'kysely';
import {
  CASE_CREATE_REJECTIONS as R,
  CaseAttachArgsSchema,
  CaseCreateArgsSchema,
} from '../../src-shared/sync/case-create-protocol';
import type { Attachments } from '../attachments/attachments';
import type { AttachmentTables } from '../attachments/tables';
import { newTrackingCode } from '../cases/ids';
import { insertNewCase } from '../cases/insert-case';
import type { SiteArea } from '../cases/site-areas';
import { nextChangeSeq } from '../cases/sync-cursor';
import type { ServerDatabase } from '../db/schema';
import type { ServiceCatalog } from '../resources/catalog';
import { primaryActor, type ServerUser } from './actor';
import type { CommandContext, CommandEffect } from './apply-command';
import { argsOf, lastSeq, recordSameStateEvent, type Refuse } from './case-steps';

/** What the centre's own cases need beyond the other commands' context. */
export interface CaseCreationDeps {
  catalog: ServiceCatalog;
  attachments: Attachments;
  /** The centre's sites (resources/server/sites.json): a new case names one of them or none. */
  sites: readonly SiteArea[];
}

/** Kind and channel of a case an operator opened at a workstation; the channel is internal (cases/visibility.ts). */
export const CENTRE_CASE = { kind: 'centre_incident', channel: 'workstation' } as const;

const CODE_ATTEMPTS = 8;

/** A command applied inside the push's transaction; a refusal throws through `refuse`. */
type SyncCaseCommand = (
  trx: Transaction<ServerDatabase>,
  user: ServerUser,
  rawArgs: unknown,
  ctx: CommandContext,
  refuse: Refuse,
) => Promise<CommandEffect>;

function depsOf(ctx: CommandContext, refuse: Refuse): CaseCreationDeps {
  return ctx.caseCreation ?? refuse('unavailable', 'This central server does not take cases from workstations.');
}

/** A tracking code no case holds yet: drawn again on a clash, since a unique violation would end the transaction. */
async function freeTrackingCode(trx: Transaction<ServerDatabase>, refuse: Refuse): Promise<string> {
  for (let i = 0; i < CODE_ATTEMPTS; i++) {
    const code = newTrackingCode();
    const taken = await trx.selectFrom('cases').select('id').where('code', '=', code).executeTakeFirst();
    if (!taken) return code;
  }
  return refuse('conflict', 'No free tracking code was found; the command is tried again.');
}

/**
 * `case.create`: a case in state `received` with a tracking code, an SLA due date and a first timeline event — the
 * same insertion Open311 intake uses. The id is the workstation's: a retry of the same command never gets here
 * twice (push.ts applies each command once), so an id already taken is somebody else's case.
 */
export const applyCaseCreate: SyncCaseCommand = async (trx, user, rawArgs, ctx, refuse) => {
  const args = argsOf(CaseCreateArgsSchema, rawArgs, refuse);
  const { catalog, sites } = depsOf(ctx, refuse);
  const service = catalog.get(args.serviceCode);
  if (!service) return refuse(R.unknownService, `The central server has no case category "${args.serviceCode}".`);
  // Server users carry no sites of their own (roles only): the site must simply be one the centre has.
  if (args.siteId !== undefined && !sites.some((s) => s.id === args.siteId)) {
    return refuse(R.unknownSite, `The central server has no site "${args.siteId}".`);
  }
  const taken = await trx.selectFrom('cases').select('code').where('id', '=', args.caseId).executeTakeFirst();
  if (taken) return refuse(R.caseExists, `Another case (${taken.code}) already has the id ${args.caseId}.`);
  const code = await freeTrackingCode(trx, refuse);
  const attributes: Record<string, string> = { created_by: user.username };
  if (args.cameraId) attributes.camera_id = args.cameraId;
  const { changeSeq } = await insertNewCase(
    trx,
    ctx.calendar,
    {
      id: args.caseId,
      code,
      ...CENTRE_CASE,
      service,
      description: args.description,
      lat: args.lat ?? null,
      long: args.long ?? null,
      addressString: args.addressString ?? null,
      addressId: null,
      mediaUrl: null,
      attributes,
      apiKeyId: null,
      siteId: args.siteId ?? null,
      receivedBy: { actor: primaryActor(user), actorId: user.id, internalNote: null },
    },
    ctx.now,
  );
  return { caseId: args.caseId, changeSeq };
};

/**
 * `case.attach`: links media the server already holds (uploaded and processed — EXIF stripped, thumbnail made —
 * by the upload API) to a case, with a timeline event carrying the caption. The same bytes twice are one link.
 */
export const applyCaseAttach: SyncCaseCommand = async (trx, user, rawArgs, ctx, refuse) => {
  const args = argsOf(CaseAttachArgsSchema, rawArgs, refuse);
  const { attachments } = depsOf(ctx, refuse);
  const at = ctx.now.toISOString();
  // The cursor first: its row lock orders this write after any other step on the case (as comments do).
  const seq = await nextChangeSeq(trx, 'case', args.caseId, at);
  const row = await trx.selectFrom('cases').select('state').where('id', '=', args.caseId).executeTakeFirst();
  if (!row) return refuse(R.notFound, `No case ${args.caseId}.`);
  const db = trx.withTables<AttachmentTables>();
  const media = await db.selectFrom('media').select('sha256').where('sha256', '=', args.sha256).executeTakeFirst();
  if (!media) {
    return refuse(
      R.mediaMissing,
      `The central server does not hold the file ${args.fileName} (${args.sha256.slice(0, 12)}…): it was not uploaded, or it was refused.`,
    );
  }
  const linked = await db
    .selectFrom('attachments')
    .select('id')
    .where('case_id', '=', args.caseId)
    .where('media_sha256', '=', args.sha256)
    .executeTakeFirst();
  if (!linked) {
    await attachments.link(
      {
        caseId: args.caseId,
        mediaSha256: args.sha256,
        kind: 'progress',
        public: false,
        fileName: args.fileName,
        addedBy: `user:${user.id}`,
        now: ctx.now,
      },
      trx,
    );
  }
  await recordSameStateEvent(trx, {
    caseId: args.caseId,
    at,
    user,
    action: 'attach',
    state: row.state,
    internalNote: args.caption ?? null,
    data: { sha256: args.sha256, fileName: args.fileName, mime: args.mime },
    changeSeq: seq,
  });
  return { caseId: args.caseId, changeSeq: await lastSeq(trx) };
};
