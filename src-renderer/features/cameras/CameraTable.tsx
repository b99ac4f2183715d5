import { useTranslation } from 'react-i18next';
import type { Camera, CameraEvent } from '../../../src-shared/contract';
import { formatDateTime } from '../../../src-shared/i18n';
import { addressLabel, mainProfile, subProfile } from './cameraView';
import { Capabilities } from './Capabilities';
import { CertificatePinBadge } from './CertificatePinBadge';
import type { CertificatesAwaiting } from './certificatePinAwaiting';
import type { SnapshotCache } from './snapshots';
import { StatusBadge } from './StatusBadge';
import { StreamSummary } from './StreamSummary';
import { Thumbnail } from './Thumbnail';

interface CameraTableProps {
  cameras: readonly Camera[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  siteName: (id: string) => string | undefined;
  cache: SnapshotCache;
  activity: ReadonlyMap<string, CameraEvent>;
  /** Cameras whose rtsps certificate waits for a technician or changed. */
  certificates?: CertificatesAwaiting;
  /** With it (users holding cameras.manage), a waiting certificate's badge opens its trust confirmation. */
  onTrustCertificate?: ((camera: Camera) => void) | undefined;
}

export function CameraTable({
  cameras,
  selectedId,
  onSelect,
  siteName,
  cache,
  activity,
  certificates,
  onTrustCertificate,
}: CameraTableProps) {
  const { t } = useTranslation();
  return (
    <table className="cam-table" data-testid="camera-list">
      <thead>
        <tr>
          <th className="cam-table__thumb">
            <span className="visually-hidden">{t('cameras.columns.preview')}</span>
          </th>
          <th>{t('cameras.columns.name')}</th>
          <th>{t('cameras.columns.status')}</th>
          <th>{t('cameras.columns.main')}</th>
          <th>{t('cameras.columns.sub')}</th>
          <th>{t('cameras.columns.capabilities')}</th>
          <th>{t('cameras.columns.lastSeen')}</th>
        </tr>
      </thead>
      <tbody>
        {cameras.map((camera) => {
          const selected = camera.id === selectedId;
          const event = activity.get(camera.id);
          const certificate = certificates?.get(camera.id);
          return (
            <tr
              key={camera.id}
              className="cam-row"
              data-testid="camera-row"
              data-camera-id={camera.id}
              data-selected={selected || undefined}
              onClick={() => onSelect(camera.id)}
            >
              <td className="cam-table__thumb">
                <Thumbnail cache={cache} camera={camera} />
              </td>
              <td>
                <button
                  type="button"
                  className="cam-row__name"
                  aria-current={selected || undefined}
                  data-testid="camera-open"
                  onClick={(e) => {
                    e.stopPropagation();
                    onSelect(camera.id);
                  }}
                >
                  {camera.name}
                </button>
                <span className="cam-row__site">
                  {camera.siteId ? (siteName(camera.siteId) ?? camera.siteId) : t('cameras.noSite')}
                </span>
                <span className="cam-row__sub mono" title={`${camera.manufacturer} ${camera.model}`}>
                  {addressLabel(camera)} · {camera.manufacturer} {camera.model}
                </span>
              </td>
              <td>
                <StatusBadge status={camera.status} />
                {certificate ? (
                  <CertificatePinBadge
                    state={certificate}
                    onTrust={onTrustCertificate ? () => onTrustCertificate(camera) : undefined}
                  />
                ) : null}
                {event ? (
                  <span className="cam-activity" data-testid="camera-activity" title={event.topic}>
                    {t(`cameras.activity.${event.kind}`)}
                  </span>
                ) : null}
              </td>
              <td>
                <StreamSummary profile={mainProfile(camera)} />
              </td>
              <td>
                <StreamSummary profile={subProfile(camera)} />
              </td>
              <td>
                <Capabilities camera={camera} />
              </td>
              <td className="mono cam-row__time">
                {camera.lastSeenAt ? formatDateTime(new Date(camera.lastSeenAt)) : <span className="muted">—</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
