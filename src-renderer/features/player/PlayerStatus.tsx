import { useTranslation } from 'react-i18next';
import { codecLabel } from './codecLabel';
import type { LiveVideoStatus } from './LiveVideo';

/** What a tile says when it is not simply playing, and the transcoding notice when it is. */
export function PlayerStatus({ status }: { status: LiveVideoStatus }) {
  const { t } = useTranslation();
  return (
    <>
      {status.state !== 'playing' ? (
        <div className={`player-status player-status--${status.state}`} data-testid="tile-status" role="status">
          <span className="player-status__state">{t(`player.state.${status.state}`)}</span>
          {status.reason ? <span className="player-status__reason">{t(`player.reason.${status.reason}`)}</span> : null}
        </div>
      ) : null}
      {status.transcoded ? (
        <span className="player-transcoded" data-testid="tile-transcoded">
          {t('player.transcoded', { from: codecLabel(status.codec) })}
        </span>
      ) : null}
    </>
  );
}
