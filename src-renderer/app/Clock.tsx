import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../src-shared/i18n';
import { useNow } from '../ui';

/** Wall clock in the centre's time zone (Asia/Ho_Chi_Minh), whatever the workstation is set to. */
export function Clock() {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <time className="clock" dateTime={now.toISOString()} title={t('header.clock')} data-testid="clock">
      {formatDateTime(now)}
    </time>
  );
}
