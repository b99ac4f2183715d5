import { useTranslation } from 'react-i18next';
import { PERMISSIONS, type Permission } from '../../../src-shared/contract';
import { core, useCommand } from '../../bridge';
import { Notice, Panel } from '../../ui';

/** The contract round trip made visible: what the core says about this session. */
export function SystemInfoPanel() {
  const { t } = useTranslation();
  const { state, reload } = useCommand('system.info', {});
  const retry = (
    <button type="button" className="btn btn--ghost btn--small" onClick={reload}>
      {t('common.reload')}
    </button>
  );

  return (
    <Panel title={t('settings.system.title')} actions={retry}>
      {state.status === 'loading' ? (
        <p className="loading">{t('settings.system.loading')}</p>
      ) : !state.result.ok ? (
        <Notice tone="error" testId="system-info-error">
          {t('settings.system.failed', { message: t(`errors.${state.result.error.code}`) })}
        </Notice>
      ) : (
        <dl className="facts" data-testid="system-info">
          <dt>{t('settings.system.version')}</dt>
          <dd className="mono" data-testid="system-info-version">
            {state.result.value.version}
          </dd>
          <dt>{t('settings.system.user')}</dt>
          <dd data-testid="system-info-user">
            {state.result.value.user.displayName}{' '}
            <span className="muted mono">({state.result.value.user.username})</span>
          </dd>
          <dt>{t('settings.system.roles')}</dt>
          <dd data-testid="system-info-roles">
            {state.result.value.roles.map((role) => (
              <span key={role} className="chip" data-role={role}>
                {t(`roles.${role}`)}
              </span>
            ))}
          </dd>
          <dt>{t('settings.system.site')}</dt>
          <dd data-testid="system-info-site">
            {state.result.value.site ? (
              state.result.value.site.name
            ) : (
              <span className="muted">{t('settings.system.noSite')}</span>
            )}
          </dd>
          <dt>{t('settings.system.host')}</dt>
          <dd>{core.hostKind === 'electron' ? t('settings.system.hostElectron') : t('settings.system.hostBrowser')}</dd>
          <dt>{t('settings.system.permissions')}</dt>
          <dd className="chips" data-testid="system-info-permissions">
            {state.result.value.permissions.map((permission) => (
              <span key={permission} className="chip" data-permission={permission}>
                <PermissionLabel permission={permission} /> <code>{permission}</code>
              </span>
            ))}
          </dd>
        </dl>
      )}
    </Panel>
  );
}

function isKnownPermission(value: string): value is Permission {
  return PERMISSIONS.some((p) => p === value);
}

function PermissionLabel({ permission }: { permission: string }) {
  const { t } = useTranslation();
  // A core newer than this build may grant permissions it has no words for; then the code alone is shown.
  return isKnownPermission(permission) ? <>{t(`permissions.${permission}`)}</> : null;
}
