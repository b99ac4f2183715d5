import { useTranslation } from 'react-i18next';

export function Splash() {
  const { t } = useTranslation();
  return (
    <div className="splash" data-testid="splash">
      <span className="brand__mark" aria-hidden="true">
        {t('app.short')}
      </span>
      <p className="loading">{t('session.checking')}</p>
    </div>
  );
}
