import { useTranslation } from 'react-i18next';
import type { SessionNotice as Notice } from '../../stores/session';
import { Notice as NoticeBox } from '../../ui';

/** Why the user is looking at the login page, when they did not choose to be. */
export function SessionNotice({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const tone = notice === 'signedOut' ? 'info' : 'warn';
  const text = notice === 'restoreFailed' ? t('session.restoreFailed') : t(`session.${notice}`);
  return (
    <NoticeBox tone={tone} testId="login-notice" hint={notice === 'restoreFailed' ? t('login.networkHint') : undefined}>
      {text}
    </NoticeBox>
  );
}
