import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../src-shared/contract/cases';
import { formatDateTime } from '../../../src-shared/i18n/format';
import { Notice } from '../../ui';

/** Why actions may not be reaching the central server, how many are waiting, and when the mirror was last current. */
export function SyncBar({ status }: { status: SyncStatus | null }) {
  const { t } = useTranslation();
  if (!status) return null;
  let problem: string | null = null;
  if (status.state === 'not_configured') problem = t('sync.notConfigured');
  else if (status.state === 'upgrade_required') problem = t('sync.upgrade', { version: status.minVersion ?? '?' });
  else if (status.state === 'revoked') problem = t('sync.revoked');
  else if (!status.connected) problem = t('sync.offline');
  return (
    <div className="case-sync" data-testid="sync-bar" data-connected={status.connected}>
      {problem ? (
        <Notice tone="warn" testId="sync-offline">
          {problem}
        </Notice>
      ) : null}
      {status.stalled ? (
        <Notice tone="error" testId="sync-stalled">
          {t('sync.stalled')}
        </Notice>
      ) : null}
      <div className="case-sync__facts">
        <span className={status.pending > 0 ? 'case-chip case-chip--pending' : 'case-chip'} data-testid="sync-pending">
          {t('sync.pending', { count: status.pending })}
        </span>
        <span
          className={status.conflicts > 0 ? 'case-chip case-chip--danger' : 'case-chip'}
          data-testid="sync-conflicts"
        >
          {t('sync.conflictsCount', { count: status.conflicts })}
        </span>
        <span className="muted" data-testid="sync-last">
          {t('sync.lastSync', {
            at: status.lastSyncAt ? formatDateTime(new Date(status.lastSyncAt)) : t('sync.never'),
          })}
        </span>
      </div>
    </div>
  );
}
