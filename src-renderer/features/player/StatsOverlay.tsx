import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { codecLabel } from './codecLabel';
import { ingestLabel } from './ingestLabel';
import type { LiveVideoHandle, LiveVideoStatus } from './LiveVideo';
import type { SessionStats } from './liveSession';
import { useServerStream } from './streamHealth';

const REFRESH_MS = 1_000;

/**
 * Frame rate, bitrate, distance to the live edge and stream of a tile, refreshed every second, and how the core
 * ingests the stream (streams.stats).
 */
export function StatsOverlay({
  cameraId,
  handle,
  status,
}: {
  cameraId: string;
  handle: { current: LiveVideoHandle | null };
  status: LiveVideoStatus;
}) {
  const { t } = useTranslation();
  const server = useServerStream(cameraId, status.profile);
  const [stats, setStats] = useState<SessionStats | null>(null);
  useEffect(() => {
    const read = () => setStats(handle.current?.stats() ?? null);
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => clearInterval(timer);
  }, [handle]);

  return (
    <dl className="player-stats" data-testid="tile-stats">
      <dt>{t('player.stats.stream')}</dt>
      <dd>
        {t(status.profile === 'main' ? 'player.stats.main' : 'player.stats.sub')} · {codecLabel(status.codec)}
        {status.transcoded ? ` → H.264` : ''}
      </dd>
      {server ? (
        <>
          <dt>{t('player.stats.ingest')}</dt>
          <dd data-testid="tile-ingest" data-ingest={server.ingest} data-reason={server.fallbackReason ?? undefined}>
            {ingestLabel(server, t)}
          </dd>
        </>
      ) : null}
      {stats ? (
        <>
          <dt>{t('player.stats.size')}</dt>
          <dd>
            {stats.width}×{stats.height}
          </dd>
          <dt>{t('player.stats.fps')}</dt>
          <dd data-testid="tile-fps">{stats.fps.toFixed(1)}</dd>
          <dt>{t('player.stats.bitrate')}</dt>
          <dd>{t('player.stats.kbps', { kbps: stats.kbps })}</dd>
          <dt>{t('player.stats.latency')}</dt>
          <dd data-testid="tile-lag" data-ms={stats.lagSec === null ? undefined : Math.round(stats.lagSec * 1000)}>
            {stats.lagSec === null ? '—' : t('player.stats.ms', { ms: Math.round(stats.lagSec * 1000) })}
          </dd>
          <dt>{t('player.stats.dropped')}</dt>
          <dd>{stats.droppedFrames}</dd>
          <dt>{t('player.stats.firstFrame')}</dt>
          <dd>{stats.firstFrameMs === null ? '—' : t('player.stats.ms', { ms: stats.firstFrameMs })}</dd>
        </>
      ) : null}
    </dl>
  );
}
