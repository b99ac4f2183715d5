import { useTranslation } from 'react-i18next';
import type { AuthUser } from '../bridge';
import { setLanguage, useLanguage } from '../stores/language';
import { logout } from '../stores/session';
import { Icon, LanguageSwitch } from '../ui';
import { CertificatePinNotice } from '../features/cameras/CertificatePinNotice';
import { Clock } from './Clock';
import { ConnectionStatus } from './ConnectionStatus';
import { UserBadge } from './UserBadge';

interface HeaderProps {
  user: AuthUser;
  onHelp: () => void;
}

export function Header({ user, onHelp }: HeaderProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <header className="header">
      <div className="brand">
        <span className="brand__mark" aria-hidden="true">
          {t('app.short')}
        </span>
        <span className="brand__text">
          <span className="brand__centre" data-testid="centre-name" title={t('app.centre')}>
            {t('app.centre')}
          </span>
          <span className="brand__app">{t('app.name')}</span>
        </span>
      </div>
      <div className="header__tools">
        <CertificatePinNotice />
        <ConnectionStatus />
        <Clock />
        <LanguageSwitch value={language} onChange={setLanguage} testId="lang-switch" />
        <button
          type="button"
          className="btn btn--ghost btn--icon"
          title={`${t('header.help')} (?)`}
          aria-label={t('header.help')}
          data-testid="help-button"
          onClick={onHelp}
        >
          <Icon name="help" />
        </button>
        <UserBadge user={user} />
        <button type="button" className="btn btn--ghost" data-testid="logout" onClick={() => void logout()}>
          <Icon name="logout" />
          <span>{t('header.logout')}</span>
        </button>
      </div>
    </header>
  );
}
