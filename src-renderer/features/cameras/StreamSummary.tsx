import { useTranslation } from 'react-i18next';
import type { StreamProfile } from '../../../src-shared/contract';
import { CODEC_LABEL, needsTranscode, resolutionLabel } from './cameraView';

/** "H.264 · 1920×1080 · 25" in one cell, with the transcoding flag when the renderer cannot play it. */
export function StreamSummary({ profile }: { profile: StreamProfile | null }) {
  const { t } = useTranslation();
  if (!profile) return <span className="muted">{t('cameras.stream.none')}</span>;
  return (
    <span className="cam-stream">
      <span className="mono">
        {CODEC_LABEL[profile.codec]} · {resolutionLabel(profile)}
        {profile.fps ? ` · ${profile.fps}` : ''}
      </span>
      {needsTranscode(profile) ? <TranscodeFlag /> : null}
    </span>
  );
}

export function TranscodeFlag() {
  const { t } = useTranslation();
  return (
    <span className="cam-flag" title={t('cameras.stream.transcodeHelp')} data-testid="transcode-flag">
      {t('cameras.stream.transcode')}
    </span>
  );
}
