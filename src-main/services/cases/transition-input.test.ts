import { describe, expect, it } from 'vitest';
import { CommandError } from '../../../src-shared/contract';
import { actionFor, actorsOf } from './transition-input';

const base = { caseId: 'k1' };

describe('case.transition input → lifecycle action', () => {
  it('finds the one step from the current state to the target', () => {
    expect(actionFor({ ...base, to: 'triaged', note: 'Đúng loại' }, 'received', ['operator'])).toEqual({
      type: 'triage',
      note: 'Đúng loại',
    });
    expect(actionFor({ ...base, to: 'forwarded', agencyId: 'cap-nuoc' }, 'triaged', ['operator'])).toMatchObject({
      type: 'forward',
      agencyId: 'cap-nuoc',
    });
  });

  it('takes the note as the reason or the result when the step needs one', () => {
    expect(actionFor({ ...base, to: 'rejected', note: 'Không rõ địa điểm' }, 'received', ['operator'])).toMatchObject({
      type: 'reject',
      reason: 'Không rõ địa điểm',
    });
    expect(
      actionFor({ ...base, to: 'resolved', note: 'Đã thay đèn', publicNote: 'Đã xử lý' }, 'in_progress', ['operator']),
    ).toMatchObject({ type: 'resolve', result: 'Đã thay đèn', publicNote: 'Đã xử lý' });
  });

  it('asks which step when two lead to the target, and refuses what the role cannot do', () => {
    const ambiguous = () => actionFor({ ...base, to: 'in_progress' }, 'extension_requested', ['operator']);
    expect(ambiguous).toThrow(/grant_extension or deny_extension/);
    expect(
      actionFor({ ...base, to: 'in_progress', action: 'grant_extension' }, 'extension_requested', ['operator']),
    ).toMatchObject({ type: 'grant_extension' });
    const agencyOnly = () => actionFor({ ...base, to: 'accepted' }, 'forwarded', ['operator']);
    expect(agencyOnly).toThrow(CommandError);
    expect(() => actionFor({ ...base, to: 'triaged' }, 'received', [])).toThrow(/cannot be moved/);
    expect(() => actionFor({ ...base, to: 'rejected' }, 'received', ['operator'])).toThrow(/needs reason/);
    expect(() => actionFor({ ...base, to: 'forwarded' }, 'triaged', ['operator'])).toThrow(/needs agencyId/);
  });

  it('maps workstation roles to lifecycle actors', () => {
    expect(actorsOf(['operator', 'director'])).toEqual(['operator', 'director']);
    expect(actorsOf(['technician', 'police'])).toEqual([]);
  });
});
