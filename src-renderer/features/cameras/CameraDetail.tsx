import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, CommandOutput } from '../../../src-shared/contract';
import { formatDateTime } from '../../../src-shared/i18n';
import { core, type ClientError } from '../../bridge';
import { useLanguage } from '../../stores/language';
import { Notice } from '../../ui';
import { PtzPanel } from '../ptz';
import { addressLabel, formatOffsetSeconds } from './cameraView';
import { CertificatePin } from './CertificatePin';
import { Glyph } from './Glyph';
import { ProfileTable } from './ProfileTable';
import type { SnapshotCache } from './snapshots';
import { SnapshotView } from './SnapshotView';
import { StatusAdvice } from './StatusAdvice';
import { StatusBadge } from './StatusBadge';
import { TestResultView } from './TestResultView';

interface CameraDetailProps {
  camera: Camera;
  siteName: (id: string) => string | undefined;
  canManage: boolean;
  canPtz: boolean;
  cache: SnapshotCache;
  onEdit: () => void;
  onRemove: () => void;
  onTested: () => void;
}

type Test =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: CommandOutput<'cameras.test'> }
  | { status: 'failed'; error: ClientError };

/** Keyed by camera id where it is used, so a test result never shows under another camera. */
export function CameraDetail({
  camera,
  siteName,
  canManage,
  canPtz,
  cache,
  onEdit,
  onRemove,
  onTested,
}: CameraDetailProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [test, setTest] = useState<Test>({ status: 'idle' });

  async function runTest(): Promise<void> {
    setTest({ status: 'running' });
    const result = await core.call('cameras.test', { id: camera.id });
    setTest(result.ok ? { status: 'done', result: result.value } : { status: 'failed', error: result.error });
    onTested();
  }

  const never = <span className="muted">{t('cameras.detail.never')}</span>;
  return (
    <section
      className="cam-detail"
      aria-label={t('cameras.detail.title')}
      data-testid="camera-detail"
      data-camera-id={camera.id}
    >
      <header className="cam-detail__header">
        <div className="cam-detail__heading">
          <h2 className="cam-detail__name" data-testid="camera-detail-name">
            {camera.name}
          </h2>
          <StatusBadge status={camera.status} />
        </div>
        {canManage ? (
          <div className="cam-detail__actions">
            <button
              type="button"
              className="btn btn--small"
              disabled={test.status === 'running'}
              data-testid="camera-test"
              onClick={() => void runTest()}
            >
              {test.status === 'running' ? t('cameras.detail.testing') : t('cameras.detail.test')}
            </button>
            <button type="button" className="btn btn--small" data-testid="camera-edit" onClick={onEdit}>
              <Glyph name="edit" size={14} />
              {t('cameras.detail.edit')}
            </button>
            <button type="button" className="btn btn--small cam-danger" data-testid="camera-remove" onClick={onRemove}>
              <Glyph name="trash" size={14} />
              {t('cameras.detail.remove')}
            </button>
          </div>
        ) : null}
      </header>

      {camera.status !== 'online' ? (
        <StatusAdvice status={camera.status} detail={camera.statusDetail} testId="camera-advice" />
      ) : null}
      {test.status === 'done' ? <TestResultView result={test.result} /> : null}
      {test.status === 'failed' ? (
        <Notice tone="error">{t('cameras.test.failed', { message: t(`errors.${test.error.code}`) })}</Notice>
      ) : null}

      <SnapshotView cache={cache} camera={camera} />

      {canPtz && camera.ptz ? <PtzPanel cameraId={camera.id} keyboard="window" /> : null}

      <dl className="cam-facts">
        <dt>{t('cameras.detail.address')}</dt>
        <dd className="mono" data-testid="camera-address">
          {addressLabel(camera)}
        </dd>
        <dt>{t('cameras.detail.device')}</dt>
        <dd>
          {camera.manufacturer} {camera.model}
        </dd>
        <dt>{t('cameras.detail.firmware')}</dt>
        <dd className="mono">{camera.firmware || '—'}</dd>
        <dt>{t('cameras.detail.serial')}</dt>
        <dd className="mono">{camera.serial || '—'}</dd>
        <dt>{t('cameras.detail.username')}</dt>
        <dd className="mono">{camera.username || '—'}</dd>
        <dt>{t('cameras.detail.site')}</dt>
        <dd>
          {camera.siteId ? (
            (siteName(camera.siteId) ?? camera.siteId)
          ) : (
            <span className="muted">{t('cameras.noSite')}</span>
          )}
        </dd>
        <dt>{t('cameras.detail.location')}</dt>
        <dd>
          {camera.location ? (
            <span className="mono">
              <Glyph name="pin" size={14} /> {camera.location.lat.toFixed(5)}, {camera.location.lon.toFixed(5)}
            </span>
          ) : (
            <span className="muted">{t('cameras.detail.noLocation')}</span>
          )}
        </dd>
        <dt>{t('cameras.detail.heading')}</dt>
        <dd className="mono">
          {camera.headingDeg === null && camera.fovDeg === null
            ? '—'
            : t('cameras.detail.headingValue', { heading: camera.headingDeg ?? '—', fov: camera.fovDeg ?? '—' })}
        </dd>
        <dt>{t('cameras.detail.clock')}</dt>
        <dd className="mono">
          {camera.clockOffsetMs === null
            ? '—'
            : t('cameras.detail.clockValue', { value: formatOffsetSeconds(camera.clockOffsetMs, language) })}
        </dd>
        <dt>{t('cameras.detail.added')}</dt>
        <dd className="mono">{formatDateTime(new Date(camera.addedAt))}</dd>
        <dt>{t('cameras.detail.lastSeen')}</dt>
        <dd className="mono">{camera.lastSeenAt ? formatDateTime(new Date(camera.lastSeenAt)) : never}</dd>
      </dl>

      <h3 className="cam-detail__section">{t('cameras.detail.profiles')}</h3>
      <ProfileTable profiles={camera.profiles} />

      <CertificatePin cameraId={camera.id} canManage={canManage} />
    </section>
  );
}
