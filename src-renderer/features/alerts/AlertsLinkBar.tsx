import { useTranslation } from 'react-i18next';
import type { AlertLink } from '../../../src-shared/contract/alerts';
import { formatDateTime } from '../../../src-shared/i18n/format';
import { Notice } from '../../ui';

/**
 * Whether the list is live: the central server's state, how old the saved copy shown is when it is away, and how
 * many acknowledgements made here wait for it.
 */
export function AlertsLinkBar({ link }: { link: AlertLink | null }) {
  const { t } = useTranslation();
  if (!link) return null;
  const pending = link.pendingAcks ?? 0;
  if (link.state === 'connected' && !link.stale && pending === 0) return null;
  return (
    <div className="alerts-link" data-testid="alerts-link-bar" data-state={link.state} data-stale={link.stale ?? false}>
      {link.state !== 'connected' ? (
        <Notice tone={link.state === 'not_configured' ? 'info' : 'warn'} testId="alerts-link">
          {t(`alerts.link.${link.state}`)}
          {link.message ? ` (${link.message})` : ''}
          {link.stale ? (
            <>
              {' '}
              <span data-testid="alerts-stale">
                {link.lastSyncAt
                  ? t('alerts.link.stale', { at: formatDateTime(new Date(link.lastSyncAt)) })
                  : t('alerts.link.staleUnknown')}
              </span>
            </>
          ) : null}
        </Notice>
      ) : null}
      {pending > 0 ? (
        <span className="badge badge--pending" data-testid="alerts-pending-acks">
          {t('alerts.link.pendingAcks', { count: pending })}
        </span>
      ) : null}
    </div>
  );
}
