import type { TFunction } from 'i18next';
import type { LiveStreamStats } from '../../../src-shared/contract/streams';

/** "ffmpeg sao chép — RTSP mã hóa (rtsps)": who reads the stream in the core and, for ffmpeg, why. */
export function ingestLabel(stats: Pick<LiveStreamStats, 'ingest' | 'fallbackReason'>, t: TFunction): string {
  const ingest = t(`player.stats.ingestKind.${stats.ingest}`);
  if (!stats.fallbackReason) return ingest;
  return t('player.stats.ingestBecause', { ingest, reason: t(`player.stats.fallback.${stats.fallbackReason}`) });
}
