import { useTranslation } from 'react-i18next';
import { Page } from '../../ui';
import { LanguagePanel } from './LanguagePanel';
import { SystemInfoPanel } from './SystemInfoPanel';
import { UsersPanel } from './UsersPanel';
import './settings.css';

export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <Page name="settings" title={t('settings.title')}>
      <div className="settings">
        <div className="settings__column">
          <SystemInfoPanel />
          <LanguagePanel />
        </div>
        <UsersPanel />
      </div>
    </Page>
  );
}
