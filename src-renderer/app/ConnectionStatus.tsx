import { useTranslation } from 'react-i18next';
import { retryConnection, useConnection } from '../stores/connection';
import { useNow } from '../ui';

/** The socket's state in words, with the backoff countdown and a way to skip it. */
export function ConnectionStatus() {
  const { t } = useTranslation();
  const { state, attempt, nextRetryAt, browserOffline } = useConnection();
  const now = useNow();
  const seconds = nextRetryAt === null ? 0 : Math.max(0, Math.ceil((nextRetryAt - now.getTime()) / 1000));

  let text: string;
  if (state === 'connected') text = t('connection.connected');
  else if (browserOffline) text = t('connection.browserOffline');
  else if (nextRetryAt === null) text = t('connection.connecting');
  else if (state === 'reconnecting') text = t('connection.reconnecting', { attempt, seconds });
  else text = t('connection.offlineRetry', { seconds });

  return (
    <div
      className="conn"
      data-testid="connection-status"
      data-state={state}
      role="status"
      aria-label={t('connection.label')}
    >
      <span className="conn__dot" aria-hidden="true" />
      <span className="conn__text" title={text}>
        {text}
      </span>
      {state !== 'connected' && nextRetryAt !== null ? (
        <button
          type="button"
          className="btn btn--ghost btn--small"
          data-testid="connection-retry"
          onClick={retryConnection}
        >
          {t('connection.retryNow')}
        </button>
      ) : null}
    </div>
  );
}
