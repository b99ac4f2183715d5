import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { CommandError, hasPermission, type ParsedInput } from '../../../src-shared/contract';
import type { CaseService } from '../../../src-shared/contract/commands/case-create';
import {
  type CaseAttachArgs,
  type CaseCreateArgs,
  CaseCreateArgsSchema,
} from '../../../src-shared/sync/case-create-protocol';
import type { SyncService } from '../sync';
import type { Actor } from './service';
import { writeTransaction } from '../store';

/** A picture to attach to the new case (a camera snapshot), already in memory. */
export interface NewCasePhoto {
  bytes: Uint8Array;
  mime: CaseAttachArgs['mime'];
  fileName: string;
  caption?: string;
}

export type NewCaseInput = Omit<ParsedInput<'case.create'>, 'snapshotCameraId'> & { cameraId?: string };

/**
 * Queues `case.create` (and `case.attach` for the photo) in one transaction, under an id drawn here so the case
 * exists locally at once and a retry can never make a second one. The photo's bytes are on disk before the
 * commands that name them are queued; the sync engine uploads them before it pushes those commands.
 */
export function queueNewCase(
  deps: {
    sqlite: BetterSqlite3.Database;
    sync: SyncService;
    services: readonly CaseService[];
    maySee(caller: Actor, siteId: string | null): boolean;
    /** Whether this workstation knows the site (its sites table); the server refuses one it lacks as a conflict. */
    knownSite(siteId: string): boolean;
  },
  input: NewCaseInput,
  caller: Actor,
  photo: NewCasePhoto | null,
): { caseId: string; seq: number; pending: number } {
  if (!hasPermission(caller.roles, 'cases.write')) {
    throw new CommandError('forbidden', `${caller.username} may not open cases (cases.write).`);
  }
  if (!deps.services.some((s) => s.serviceCode === input.serviceCode)) {
    throw new CommandError('invalid_input', `There is no case category "${input.serviceCode}".`);
  }
  if (input.siteId && !deps.knownSite(input.siteId)) {
    throw new CommandError('invalid_input', `There is no site "${input.siteId.slice(0, 64)}" on this workstation.`);
  }
  if (input.siteId && !deps.maySee(caller, input.siteId)) {
    throw new CommandError('forbidden', `You may not open cases for site "${input.siteId}".`);
  }
  const caseId = randomUUID();
  const candidate: CaseCreateArgs = {
    caseId,
    serviceCode: input.serviceCode,
    description: input.description,
    ...(input.lat !== undefined && input.long !== undefined ? { lat: input.lat, long: input.long } : {}),
    ...(input.addressString ? { addressString: input.addressString } : {}),
    ...(input.siteId ? { siteId: input.siteId } : {}),
    ...(input.cameraId ? { cameraId: input.cameraId } : {}),
  };
  const parsed = CaseCreateArgsSchema.safeParse(candidate);
  if (!parsed.success) throw new CommandError('invalid_input', 'The new case is not valid.');
  const stored = photo ? deps.sync.storeBlob(photo.bytes) : null;
  const actor = { userId: caller.userId, username: caller.username };
  const result = writeTransaction(deps.sqlite, () => {
    const created = deps.sync.enqueue({ name: 'case.create', args: parsed.data, caseId, actor });
    if (photo && stored) {
      deps.sync.stageBlob({ ...stored, mime: photo.mime, fileName: photo.fileName });
      const attach: CaseAttachArgs = {
        caseId,
        sha256: stored.sha256,
        fileName: photo.fileName,
        mime: photo.mime,
        ...(photo.caption ? { caption: photo.caption } : {}),
      };
      deps.sync.enqueue({ name: 'case.attach', args: attach, caseId, actor });
    }
    return created;
  })();
  deps.sync.notifyLocal([caseId]);
  return { caseId, seq: result.seq, pending: deps.sync.status().pending };
}
