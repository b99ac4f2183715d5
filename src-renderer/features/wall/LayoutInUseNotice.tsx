import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Display } from '../../../src-shared/contract';
import type { ClientError } from '../../bridge';
import { Notice } from '../../ui';
import { displayName } from './displayName';

/**
 * What uses the layout whose delete the core refused, in the user's language: displays by the name the wall
 * page gives them, tours by name. Null when the core gave no reason (its English message is never shown).
 */
export function describeInUse(error: ClientError, displays: readonly Display[] | null, t: TFunction): string | null {
  const reason = error.reason;
  if (reason?.kind !== 'in_use' || reason.users.length === 0) return null;
  const names = reason.users.map((user) => {
    if (user.kind === 'tour') return t('wall.layout.usedByTour', { name: user.name });
    const index = displays?.findIndex((d) => d.id === user.id) ?? -1;
    const display = displays?.[index];
    return display ? displayName(display, index, t) : t('wall.layout.usedByDisplay', { id: user.id });
  });
  return t('wall.layout.inUseBy', { users: names.join(', ') });
}

/** The refused layout delete (the wall page gives it the shell's displays, to name them as its panel does). */
export function LayoutInUseNotice({
  error,
  displays,
  testId,
}: {
  error: ClientError;
  displays: readonly Display[] | null;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Notice tone="error" testId={testId} hint={describeInUse(error, displays, t)}>
      {t('wall.layout.inUse')}
    </Notice>
  );
}
