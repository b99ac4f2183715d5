import { useTranslation } from 'react-i18next';
import { useCommand } from '../../bridge';
import { Page } from '../../ui';
import { AssetImportPanel } from './AssetImportPanel';
import { LanguagePanel } from './LanguagePanel';
import { SystemInfoPanel } from './SystemInfoPanel';
import { UsersPanel } from './UsersPanel';
import './settings.css';

export function SettingsPage() {
  const { t } = useTranslation();
  const { state } = useCommand('system.info', {});
  const canImport =
    state.status === 'done' && state.result.ok && state.result.value.permissions.includes('assets.import');
  return (
    <Page name="settings" title={t('settings.title')}>
      <div className="settings">
        <div className="settings__column">
          <SystemInfoPanel />
          <LanguagePanel />
          {canImport ? <AssetImportPanel /> : null}
        </div>
        <UsersPanel />
      </div>
    </Page>
  );
}
