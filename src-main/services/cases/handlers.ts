import type { CommandOutput, ParsedInput } from '../../../src-shared/contract';
import type { Actor, CasesService } from './service';

/** What these handlers need of the core's CallContext (structurally the same). */
export interface CasesCallContext {
  principal: Actor;
}

export function casesHandlers(cases: CasesService) {
  return {
    'cases.list': (input: ParsedInput<'cases.list'>, ctx: CasesCallContext): CommandOutput<'cases.list'> =>
      cases.list(input, ctx.principal),
    'cases.get': (input: ParsedInput<'cases.get'>, ctx: CasesCallContext): CommandOutput<'cases.get'> =>
      cases.get(input.id, ctx.principal),
    'case.comment': (input: ParsedInput<'case.comment'>, ctx: CasesCallContext): CommandOutput<'case.comment'> =>
      cases.comment(input, ctx.principal),
    'case.transition': (
      input: ParsedInput<'case.transition'>,
      ctx: CasesCallContext,
    ): CommandOutput<'case.transition'> => cases.transition(input, ctx.principal),
    'case.assign': (input: ParsedInput<'case.assign'>, ctx: CasesCallContext): CommandOutput<'case.assign'> =>
      cases.assign(input, ctx.principal),
    'agencies.list': (): Promise<CommandOutput<'agencies.list'>> => cases.agencies(),
    'case.revealReporter': (
      input: ParsedInput<'case.revealReporter'>,
      ctx: CasesCallContext,
    ): Promise<CommandOutput<'case.revealReporter'>> => cases.revealReporter(input.caseId, ctx.principal),
  };
}
