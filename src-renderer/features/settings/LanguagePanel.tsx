import { useTranslation } from 'react-i18next';
import { setLanguage, useLanguage } from '../../stores/language';
import { LanguageSwitch, Panel } from '../../ui';

export function LanguagePanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Panel title={t('settings.language.title')}>
      <div className="lang-row">
        <LanguageSwitch value={language} onChange={setLanguage} testId="settings-lang" />
        <span className="muted">{t(`language.${language}`)}</span>
      </div>
      <p className="muted settings__hint">{t('settings.language.hint')}</p>
    </Panel>
  );
}
