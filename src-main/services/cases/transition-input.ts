import { CommandError, type ParsedInput } from '../../../src-shared/contract';
import { type CaseAction, CaseActionSchema, type CaseActionType } from '../../../src-shared/domain/cases/actions';
import { TRANSITION_RULES } from '../../../src-shared/domain/cases/rules';
import type { CaseActor, CaseState } from '../../../src-shared/domain/cases/states';

type Input = ParsedInput<'case.transition'>;

/**
 * `case.transition {caseId, to, …}` → the lifecycle action that takes the case from where it is now to `to` for
 * this caller. The outbox stores the action, not the target state: replayed later against a case that moved
 * meanwhile, it means what the operator meant, or the server refuses it.
 */
export function actionFor(input: Input, from: CaseState, actors: readonly CaseActor[]): CaseAction {
  let rules = TRANSITION_RULES.filter(
    (r) => r.from.includes(from) && r.to === input.to && r.actors.some((a) => actors.includes(a)),
  );
  if (input.action) rules = rules.filter((r) => r.action === input.action);
  if (rules.length === 0) {
    throw new CommandError('conflict', `A case that is "${from}" cannot be moved to "${input.to}" by your role.`);
  }
  if (rules.length > 1) {
    const choices = rules.map((r) => r.action).join(' or ');
    throw new CommandError('invalid_input', `Two steps lead to "${input.to}": say which with action (${choices}).`);
  }
  const action = build(rules[0]!.action, input);
  const parsed = CaseActionSchema.safeParse(action);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CommandError(
      'invalid_input',
      `"${rules[0]!.action}" needs ${issue?.path.join('.') || 'other input'}: ${issue?.message ?? ''}`,
    );
  }
  return parsed.data;
}

/** The action's fields from the input; a step that needs a reason or a result takes the note when none is given. */
function build(type: CaseActionType, input: Input): Record<string, unknown> {
  const notes = { note: input.note, publicNote: input.publicNote };
  const reason = input.reason ?? input.note;
  const withoutNote = { publicNote: input.publicNote, note: input.reason ? input.note : undefined };
  switch (type) {
    case 'reject':
    case 'return':
    case 'deny_extension':
    case 'reopen':
      return { type, reason, ...withoutNote };
    case 'resolve':
      return {
        type,
        result: input.result ?? input.note,
        publicNote: input.publicNote,
        ...(input.result ? { note: input.note } : {}),
      };
    case 'mark_duplicate':
      return { type, duplicateOf: input.duplicateOf, ...notes };
    case 'forward':
      return { type, agencyId: input.agencyId, ...notes };
    case 'request_extension':
      return { type, days: input.days, reason, ...withoutNote };
    case 'grant_extension':
      return { type, days: input.days, ...notes };
    default:
      return { type, ...notes };
  }
}

/** Which lifecycle actors a workstation user can be: the centre's roles that handle cases. */
export function actorsOf(roles: readonly string[]): CaseActor[] {
  const actors: CaseActor[] = [];
  if (roles.includes('operator')) actors.push('operator');
  if (roles.includes('director')) actors.push('director');
  return actors;
}
