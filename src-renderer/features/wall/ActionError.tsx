import { useTranslation } from 'react-i18next';
import type { ClientError } from '../../bridge';
import { Notice } from '../../ui';

/** A refused or failed action: the reason in the operator's language, the core's own words as detail. */
export function ActionError({ error, testId }: { error: ClientError; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Notice tone="error" testId={testId} hint={error.message}>
      {t('wall.actionFailed', { message: t(`errors.${error.code}`) })}
    </Notice>
  );
}
