import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../src-shared/contract';
import { matchesSearch } from '../../../src-shared/i18n';
import { useCommand } from '../../bridge';
import { Notice, Panel } from '../../ui';

/**
 * Shown to every role on purpose: the core decides who may list users, and a refusal is rendered as a clear
 * message rather than hidden, so a missing permission is visible and can be asked for.
 */
export function UsersPanel() {
  const { t } = useTranslation();
  const { state } = useCommand('users.list', {});

  let body;
  if (state.status === 'loading') body = <p className="loading">{t('settings.users.loading')}</p>;
  else if (!state.result.ok && state.result.error.code === 'forbidden') {
    body = (
      <Notice tone="warn" testId="users-forbidden">
        {t('settings.users.forbidden')}
      </Notice>
    );
  } else if (!state.result.ok) {
    body = (
      <Notice tone="error" testId="users-error">
        {t('settings.users.failed', { message: t(`errors.${state.result.error.code}`) })}
      </Notice>
    );
  } else body = <UserTable users={state.result.value} />;

  return (
    <Panel title={t('settings.users.title')} testId="users-section">
      {body}
    </Panel>
  );
}

/** Site ids to names; the ids alone are shown if the site list cannot be read. */
function useSiteNames(): ReadonlyMap<string, string> {
  const { state } = useCommand('sites.list', {});
  return useMemo(
    () =>
      state.status === 'done' && state.result.ok ? new Map(state.result.value.map((s) => [s.id, s.name])) : new Map(),
    [state],
  );
}

function UserTable({ users }: { users: UserSummary[] }) {
  const { t } = useTranslation();
  const siteNames = useSiteNames();
  const [query, setQuery] = useState('');
  const shown = users.filter((u) => matchesSearch(`${u.username} ${u.displayName}`, query));
  return (
    <div className="users">
      <div className="users__bar">
        <input
          className="input users__search"
          type="search"
          value={query}
          placeholder={t('settings.users.search')}
          aria-label={t('settings.users.search')}
          data-testid="users-search"
          onChange={(event) => setQuery(event.target.value)}
        />
        <span className="muted">{t('settings.users.count', { count: shown.length })}</span>
      </div>
      <table className="table" data-testid="users-list">
        <thead>
          <tr>
            <th>{t('settings.users.username')}</th>
            <th>{t('settings.users.displayName')}</th>
            <th>{t('settings.users.roles')}</th>
            <th>{t('settings.users.sites')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((user) => (
            <tr key={user.id} data-testid="user-row" data-username={user.username}>
              <td className="mono">{user.username}</td>
              <td>{user.displayName}</td>
              <td>{user.roles.map((role) => t(`roles.${role}`)).join(', ')}</td>
              <td>
                {user.sites.includes('*')
                  ? t('settings.users.allSites')
                  : user.sites.map((id) => siteNames.get(id) ?? id).join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 ? <p className="muted users__empty">{t('settings.users.empty')}</p> : null}
    </div>
  );
}
