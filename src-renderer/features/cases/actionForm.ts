import type { CommandInput } from '../../../src-shared/contract';
import type { CaseActionType } from '../../../src-shared/domain/cases/actions';
import type { CaseState } from '../../../src-shared/domain/cases/states';

/** The extra field a lifecycle step needs besides its notes (matches the domain's action schema). */
export type ExtraField = 'reason' | 'result' | 'agencyId' | 'days' | 'duplicateOf';

export function fieldsOf(action: CaseActionType): { field: ExtraField; required: boolean }[] {
  switch (action) {
    case 'reject':
    case 'return':
    case 'deny_extension':
    case 'reopen':
      return [{ field: 'reason', required: true }];
    case 'resolve':
      return [{ field: 'result', required: true }];
    case 'forward':
      return [{ field: 'agencyId', required: true }];
    case 'mark_duplicate':
      return [{ field: 'duplicateOf', required: true }];
    case 'request_extension':
      return [
        { field: 'days', required: true },
        { field: 'reason', required: true },
      ];
    case 'grant_extension':
      return [{ field: 'days', required: false }];
    default:
      return [];
  }
}

export interface ActionDraft {
  note: string;
  publicNote: string;
  extra: Partial<Record<ExtraField, string>>;
}

export const EMPTY_DRAFT: ActionDraft = { note: '', publicNote: '', extra: {} };

/** The case.transition input for a draft, or null while a required field is empty or a number is not one. */
export function transitionInput(
  caseId: string,
  step: { action: CaseActionType; to: CaseState },
  draft: ActionDraft,
): CommandInput<'case.transition'> | null {
  const input: CommandInput<'case.transition'> = { caseId, to: step.to, action: step.action };
  if (draft.note.trim()) input.note = draft.note.trim();
  if (draft.publicNote.trim()) input.publicNote = draft.publicNote.trim();
  for (const { field, required } of fieldsOf(step.action)) {
    const value = draft.extra[field]?.trim() ?? '';
    if (value === '') {
      if (required) return null;
      continue;
    }
    if (field === 'days') {
      const days = Number(value);
      if (!Number.isInteger(days) || days < 1 || days > 30) return null;
      input.days = days;
    } else input[field] = value;
  }
  return input;
}
