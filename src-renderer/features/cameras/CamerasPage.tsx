import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import { core } from '../../bridge';
import { useCan } from '../../stores/session';
import { EmptyState, Notice, Page } from '../../ui';
import { CameraDetail } from './CameraDetail';
import { CameraDialog, type DialogMode } from './CameraDialog';
import { filterCameras, NO_FILTER, NO_SITE, sortCameras, type CameraFilter } from './cameraFilter';
import { EMPTY_FORM, formFromDiscovery } from './cameraForm';
import { CameraTable } from './CameraTable';
import { CameraToolbar } from './CameraToolbar';
import { useCertificatesAwaiting } from './useCertificatesAwaiting';
import { useCertificatesFilter } from './useCertificatesFilter';
import { DiscoveryPanel } from './DiscoveryPanel';
import { Glyph } from './Glyph';
import { RemoveDialog } from './RemoveDialog';
import { CertificateTrustDialog } from './CertificateTrustDialog';
import { SnapshotCache } from './snapshots';
import { StatusSummary } from './StatusSummary';
import { useCameraList } from './useCameraList';
import { useSites } from './useSites';
import './cameras.css';

/** Cameras: every role with cameras.read sees the list; cameras.manage adds discovery, add, edit, remove and test. */
export function CamerasPage() {
  const { t } = useTranslation();
  const canManage = useCan('cameras.manage');
  const canPtz = useCan('ptz.control');
  const list = useCameraList();
  const certificates = useCertificatesAwaiting();
  const { sites, siteName } = useSites();
  // The certificate filter lives in the hash (the header's notice links to it); the others in the page.
  const [pageFilter, setPageFilter] = useState<CameraFilter>(NO_FILTER);
  const [certificatesFilter, setCertificatesFilter] = useCertificatesFilter();
  const filter = useMemo(() => ({ ...pageFilter, certificates: certificatesFilter }), [pageFilter, certificatesFilter]);
  const setFilter = (next: CameraFilter): void => {
    setPageFilter({ ...next, certificates: '' });
    setCertificatesFilter(next.certificates);
  };
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DialogMode | null>(null);
  const [removing, setRemoving] = useState<Camera | null>(null);
  const [trusting, setTrusting] = useState<Camera | null>(null);
  const [discovering, setDiscovering] = useState(false);
  const [cache] = useState(() => new SnapshotCache((id) => core.call('cameras.snapshot', { id })));
  useEffect(() => () => cache.clear(), [cache]);

  const cameras = useMemo(() => (list.state.status === 'ready' ? list.state.cameras : []), [list.state]);
  const shown = useMemo(
    () => sortCameras(filterCameras(cameras, filter, siteName, certificates)),
    [cameras, filter, siteName, certificates],
  );
  const selected = cameras.find((c) => c.id === selectedId) ?? null;
  const siteForNew = filter.siteId === NO_SITE ? '' : filter.siteId;

  const saved = (camera: Camera): void => {
    list.upsert(camera);
    setSelectedId(camera.id);
    setDialog(null);
  };
  const removed = (id: string): void => {
    list.removed(id);
    setSelectedId(null);
    setRemoving(null);
  };
  const discover = (): void => setDiscovering(true);
  const add = (): void => setDialog({ kind: 'add', initial: { ...EMPTY_FORM, siteId: siteForNew } });

  let content;
  if (list.state.status === 'loading') content = <p className="loading">{t('cameras.loading')}</p>;
  else if (list.state.status === 'failed') {
    content = (
      <Notice tone="error" testId="cameras-error">
        {t('cameras.failed', { message: t(`errors.${list.state.error.code}`) })}{' '}
        <button type="button" className="btn btn--small" onClick={list.reload}>
          {t('common.reload')}
        </button>
      </Notice>
    );
  } else if (cameras.length === 0) {
    content = (
      <EmptyState
        icon="cameras"
        title={t('cameras.emptyTitle')}
        body={t('cameras.emptyBody')}
        next={canManage ? t('cameras.emptyNext') : t('cameras.emptyNextReadOnly')}
      >
        {canManage ? (
          <div className="cam-empty__actions">
            <button type="button" className="btn" onClick={discover}>
              <Glyph name="radar" />
              {t('cameras.discover')}
            </button>
            <button type="button" className="btn btn--primary" onClick={add}>
              <Glyph name="plus" />
              {t('cameras.add')}
            </button>
          </div>
        ) : null}
      </EmptyState>
    );
  } else {
    content = (
      <div className="cams" data-detail={selected ? true : undefined}>
        <div className="cams__list" aria-label={t('cameras.list')}>
          {shown.length > 0 ? (
            <CameraTable
              cameras={shown}
              selectedId={selectedId}
              onSelect={setSelectedId}
              siteName={siteName}
              cache={cache}
              activity={list.activity}
              certificates={certificates}
              onTrustCertificate={canManage ? setTrusting : undefined}
            />
          ) : (
            <div className="cams__nomatch" data-testid="cameras-nomatch">
              <p className="muted">{t('cameras.noMatch')}</p>
              <button type="button" className="btn btn--small" onClick={() => setFilter(NO_FILTER)}>
                {t('cameras.clearFilters')}
              </button>
            </div>
          )}
        </div>
        <aside className="cams__detail">
          {selected ? (
            <CameraDetail
              key={selected.id}
              camera={selected}
              siteName={siteName}
              canManage={canManage}
              canPtz={canPtz}
              cache={cache}
              onEdit={() => setDialog({ kind: 'edit', camera: selected })}
              onRemove={() => setRemoving(selected)}
              onTested={list.reload}
            />
          ) : (
            <p className="muted cams__hint">{t('cameras.selectHint')}</p>
          )}
        </aside>
      </div>
    );
  }

  return (
    <Page name="cameras" title={t('cameras.title')}>
      {cameras.length > 0 ? (
        <StatusSummary cameras={cameras} active={filter.status} onPick={(status) => setFilter({ ...filter, status })} />
      ) : null}
      <CameraToolbar
        filter={filter}
        onFilter={setFilter}
        sites={sites}
        shown={shown.length}
        total={cameras.length}
        canManage={canManage}
        refreshing={list.state.status === 'ready' && list.state.refreshing}
        onReload={list.reload}
        onDiscover={discover}
        onAdd={add}
      />
      {discovering && canManage ? (
        <DiscoveryPanel
          cameras={cameras}
          onAdd={(device) => setDialog({ kind: 'add', initial: formFromDiscovery(device, siteForNew) })}
          onShow={(id) => {
            setFilter(NO_FILTER);
            setSelectedId(id);
          }}
          onClose={() => setDiscovering(false)}
        />
      ) : null}
      {content}
      {dialog ? <CameraDialog mode={dialog} sites={sites} onClose={() => setDialog(null)} onSaved={saved} /> : null}
      {removing ? <RemoveDialog camera={removing} onClose={() => setRemoving(null)} onRemoved={removed} /> : null}
      {trusting && canManage ? <CertificateTrustDialog camera={trusting} onClose={() => setTrusting(null)} /> : null}
    </Page>
  );
}
