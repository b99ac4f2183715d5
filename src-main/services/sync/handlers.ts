import type { CommandOutput, ParsedInput } from '../../../src-shared/contract';
import type { SyncService } from './service';

/** What these handlers need of the core's CallContext (structurally the same). */
export interface SyncCallContext {
  principal: { userId: string; username: string };
}

export function syncHandlers(sync: SyncService) {
  return {
    'sync.status': (): CommandOutput<'sync.status'> => sync.status(),
    'sync.conflicts': (input: ParsedInput<'sync.conflicts'>): CommandOutput<'sync.conflicts'> =>
      sync.conflicts.list(input.includeResolved),
    'sync.resolveConflict': (
      input: ParsedInput<'sync.resolveConflict'>,
      ctx: SyncCallContext,
    ): CommandOutput<'sync.resolveConflict'> => {
      const by = { userId: ctx.principal.userId, username: ctx.principal.username };
      const { seq, caseId } = sync.conflicts.resolve(input.id, input.resolution, by, input.args);
      if (seq !== null) sync.kick();
      sync.notifyLocal(caseId ? [caseId] : []);
      return { resolved: true, seq };
    },
  };
}
