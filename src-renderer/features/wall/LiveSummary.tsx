import { useTranslation } from 'react-i18next';
import type { TileState, WallDisplay } from '../../../src-shared/contract/layouts';
import { useNow } from '../../ui';

/** What a display's wall window last reported: tiles by state, tour step, open alarm, and how fresh that is. */
export function LiveSummary({ wall }: { wall: WallDisplay }) {
  const { t } = useTranslation();
  const now = useNow();
  const live = wall.live;
  if (!live) {
    return (
      <span className="muted display__live" data-testid={`display-live-${wall.displayId}`} data-reporting="false">
        {t('wall.live.none')}
      </span>
    );
  }
  const counts = new Map<TileState, number>();
  for (const tile of live.tiles) if (tile.state) counts.set(tile.state, (counts.get(tile.state) ?? 0) + 1);
  const withCamera = live.tiles.filter((tile) => tile.cameraId).length;
  const ago = Math.max(0, Math.round((now.getTime() - Date.parse(live.reportedAt)) / 1000));
  return (
    <span
      className="display__live"
      data-testid={`display-live-${wall.displayId}`}
      data-reporting="true"
      data-playing={counts.get('playing') ?? 0}
      data-tiles={withCamera}
    >
      {t('wall.live.tiles', { playing: counts.get('playing') ?? 0, total: withCamera })}
      {(['stalled', 'offline', 'error'] as const).map((state) =>
        counts.get(state) ? (
          <span key={state} className={`display__badge display__badge--${state}`}>
            {t(`player.state.${state}`)}: {counts.get(state)}
          </span>
        ) : null,
      )}
      {live.tourStep !== null ? <span> · {t('wall.live.step', { step: live.tourStep + 1 })}</span> : null}
      {wall.alarm ? <span className="display__badge display__badge--alarm">{t('wall.live.alarm')}</span> : null}
      <span className="muted"> · {t('wall.live.ago', { seconds: ago })}</span>
    </span>
  );
}
