import { useTranslation } from 'react-i18next';
import type { StreamProfile } from '../../../src-shared/contract';
import { useLanguage } from '../../stores/language';
import { CODEC_LABEL, formatMegabits, needsTranscode, resolutionLabel } from './cameraView';
import { TranscodeFlag } from './StreamSummary';

export function ProfileTable({ profiles }: { profiles: readonly StreamProfile[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (profiles.length === 0) return <p className="muted">{t('cameras.detail.noProfiles')}</p>;
  return (
    <div className="cam-profiles-scroll">
      <table className="cam-profiles" data-testid="camera-profiles">
        <thead>
          <tr>
            <th>{t('cameras.detail.role')}</th>
            <th>{t('cameras.detail.codec')}</th>
            <th>{t('cameras.detail.resolution')}</th>
            <th>{t('cameras.detail.fps')}</th>
            <th>{t('cameras.detail.bitrate')}</th>
          </tr>
        </thead>
        <tbody>
          {profiles.map((profile) => (
            <tr key={profile.token} data-testid="camera-profile" data-role={profile.role} data-codec={profile.codec}>
              <td>
                <span
                  className={`cam-role cam-role--${profile.role}`}
                  title={t('cameras.detail.profileTitle', { name: profile.name, token: profile.token })}
                >
                  {t(`cameras.stream.${profile.role}`)}
                </span>
              </td>
              <td>
                <span className="mono">{CODEC_LABEL[profile.codec]}</span>
                {needsTranscode(profile) ? <TranscodeFlag /> : null}
              </td>
              <td className="mono">{resolutionLabel(profile)}</td>
              <td className="mono">{profile.fps ?? '—'}</td>
              <td className="mono">
                {profile.bitrateKbps
                  ? t('cameras.stream.bitrate', { value: formatMegabits(profile.bitrateKbps, language) })
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
