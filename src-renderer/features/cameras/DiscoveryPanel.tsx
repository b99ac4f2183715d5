import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, DiscoveredDevice } from '../../../src-shared/contract';
import { core, type ClientError } from '../../bridge';
import { Notice, useNow } from '../../ui';
import { Glyph } from './Glyph';

/** Long enough for slow cameras to answer the repeated probes, short enough to wait for. */
export const DISCOVERY_MS = 4_000;

type Run =
  | { status: 'running'; startedAt: number }
  | { status: 'done'; devices: DiscoveredDevice[] }
  | { status: 'failed'; error: ClientError };

interface DiscoveryPanelProps {
  cameras: readonly Camera[];
  onAdd: (device: DiscoveredDevice) => void;
  onShow: (cameraId: string) => void;
  onClose: () => void;
}

/** WS-Discovery from the core: progress while it listens, then what answered, with "added" marked. */
export function DiscoveryPanel({ cameras, onAdd, onShow, onClose }: DiscoveryPanelProps) {
  const { t } = useTranslation();
  const [run, setRun] = useState<Run>({ status: 'running', startedAt: Date.now() });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    setRun({ status: 'running', startedAt: Date.now() });
    void core.call('cameras.discover', { timeoutMs: DISCOVERY_MS }).then((result) => {
      if (!live) return;
      setRun(result.ok ? { status: 'done', devices: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [round]);

  // An onboarded camera is recognised by the core's id, else by address (it may have been added meanwhile).
  const known = (device: DiscoveredDevice): Camera | undefined =>
    cameras.find((c) => c.id === device.cameraId) ??
    cameras.find((c) => c.host === device.host && c.port === device.port);

  return (
    <section className="cam-discovery" aria-label={t('cameras.discovery.title')} data-testid="discovery">
      <header className="cam-discovery__header">
        <h2 className="cam-discovery__title">
          <Glyph name="radar" />
          {t('cameras.discovery.title')}
        </h2>
        <div className="cam-discovery__actions">
          <button
            type="button"
            className="btn btn--small"
            disabled={run.status === 'running'}
            data-testid="discovery-again"
            onClick={() => setRound((n) => n + 1)}
          >
            {t('cameras.discovery.again')}
          </button>
          <button type="button" className="btn btn--ghost btn--small" onClick={onClose}>
            {t('cameras.discovery.close')}
          </button>
        </div>
      </header>
      {run.status === 'running' ? <Progress startedAt={run.startedAt} /> : null}
      {run.status === 'failed' ? (
        <Notice tone="error" testId="discovery-error">
          {t('cameras.discovery.failed', { message: t(`errors.${run.error.code}`) })}
        </Notice>
      ) : null}
      {run.status === 'done' && run.devices.length === 0 ? (
        <Notice tone="info" testId="discovery-none" hint={t('cameras.discovery.noneHint')}>
          {t('cameras.discovery.none')}
        </Notice>
      ) : null}
      {run.status === 'done' && run.devices.length > 0 ? (
        <>
          <p className="muted" data-testid="discovery-count">
            {t('cameras.discovery.found', { count: run.devices.length })}
          </p>
          <ul className="cam-found" data-testid="discovery-results">
            {run.devices.map((device) => {
              const camera = known(device);
              return (
                <li
                  key={device.urn}
                  className="cam-found__item"
                  data-testid="discovered"
                  data-host={device.host}
                  data-port={device.port}
                  data-added={camera ? true : undefined}
                >
                  <div className="cam-found__text">
                    <span className="cam-found__name">{device.name ?? t('cameras.discovery.unnamed')}</span>
                    <span className="mono muted">
                      {device.host}:{device.port}
                      {device.hardware ? ` · ${device.hardware}` : ''}
                    </span>
                  </div>
                  {camera ? (
                    <>
                      <span className="chip cam-found__added" title={camera.name}>
                        <Glyph name="check" size={12} />
                        {t('cameras.discovery.added')}
                      </span>
                      <button type="button" className="btn btn--small" onClick={() => onShow(camera.id)}>
                        {t('cameras.discovery.show')}
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      className="btn btn--small btn--primary"
                      data-testid="discovered-add"
                      onClick={() => onAdd(device)}
                    >
                      <Glyph name="plus" size={14} />
                      {t('cameras.discovery.add')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Progress({ startedAt }: { startedAt: number }) {
  const { t } = useTranslation();
  const now = useNow(250).getTime();
  const elapsed = Math.min(DISCOVERY_MS, Math.max(0, now - startedAt));
  const seconds = Math.ceil((DISCOVERY_MS - elapsed) / 1000);
  return (
    <div className="cam-progress" data-testid="discovery-progress">
      <progress max={DISCOVERY_MS} value={elapsed} aria-label={t('cameras.discovery.progress')} />
      <span className="loading">{t('cameras.discovery.running', { seconds })}</span>
    </div>
  );
}
