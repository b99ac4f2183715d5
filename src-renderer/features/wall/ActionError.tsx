import { useTranslation } from 'react-i18next';
import type { ClientError } from '../../bridge';
import { Notice } from '../../ui';
import { describeInUse } from './LayoutInUseNotice';

/**
 * A refused or failed action: the reason in the operator's language; as detail, what the core's reason names
 * (e.g. the displays using a tour) in that language too, else the core's own words.
 */
export function ActionError({ error, testId }: { error: ClientError; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Notice tone="error" testId={testId} hint={describeInUse(error, null, t) ?? error.message}>
      {t('wall.actionFailed', { message: t(`errors.${error.code}`) })}
    </Notice>
  );
}
