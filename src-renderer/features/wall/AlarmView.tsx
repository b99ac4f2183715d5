import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import type { WallAlarm } from '../../../src-shared/contract/layouts';
import { gridForCount, fillCameras, tileRect } from '../../../src-shared/domain/layout';
import { formatTime } from '../../../src-shared/i18n';
import { LiveVideo, PlayerStatus, type LiveVideoStatus } from '../player';
import { useNow } from '../../ui';
import { useTileProfile } from './useTileProfile';

interface AlarmViewProps {
  alarm: WallAlarm;
  cameras: ReadonlyMap<string, Camera>;
  onAcknowledge(): void;
  /** The first camera's state, for the slot's data-state. */
  onLeadStatus(status: LiveVideoStatus | null): void;
}

const percent = (n: number) => `${n * 100}%`;

/** The alarm pop-up: why, since when, how long until it reverts, and the cameras involved, live. */
export function AlarmView({ alarm, cameras, onAcknowledge, onLeadStatus }: AlarmViewProps) {
  const { t } = useTranslation();
  const now = useNow();
  const grid = fillCameras(gridForCount(alarm.cameraIds.length), alarm.cameraIds).grid;
  const last = alarm.sources.at(-1);
  const lead = last?.title ?? (last?.cameraId ? (cameras.get(last.cameraId)?.name ?? last.cameraId) : null);
  const seconds = Math.max(0, Math.ceil((Date.parse(alarm.revertAt) - now.getTime()) / 1000));
  return (
    <div
      className="alarm"
      data-testid="alarm-popup"
      data-alarm-id={alarm.id}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      <div className="alarm__banner" role="alert">
        <span className="alarm__kind">{t(`wall.alarm.kind.${kindKey(last?.kind)}`)}</span>
        <span className="alarm__what">{lead ?? t('wall.alarm.manual')}</span>
        <span className="alarm__time mono">{formatTime(new Date(alarm.raisedAt))}</span>
        <span className="alarm__revert mono">{t('wall.alarm.revertIn', { seconds })}</span>
        <button
          type="button"
          className="btn btn--small"
          data-testid="alarm-ack"
          onClick={(event) => {
            event.stopPropagation();
            onAcknowledge();
          }}
        >
          {t('wall.alarm.acknowledge')}
        </button>
      </div>
      <div className="alarm__grid">
        {grid.tiles.map((tile, index) => {
          const rect = tileRect(grid, tile);
          return tile.cameraId ? (
            <AlarmCamera
              key={tile.cameraId}
              index={index}
              cameraId={tile.cameraId}
              camera={cameras.get(tile.cameraId) ?? null}
              style={{
                left: percent(rect.left),
                top: percent(rect.top),
                width: percent(rect.width),
                height: percent(rect.height),
              }}
              onStatus={index === 0 ? onLeadStatus : undefined}
            />
          ) : null;
        })}
      </div>
    </div>
  );
}

function kindKey(kind: string | undefined): 'motion' | 'tamper' | 'input' | 'manual' | 'alert' | 'other' {
  return kind === 'motion' || kind === 'tamper' || kind === 'input' || kind === 'manual' || kind === 'alert'
    ? kind
    : 'other';
}

function AlarmCamera(props: {
  index: number;
  cameraId: string;
  camera: Camera | null;
  style: CSSProperties;
  onStatus?: ((status: LiveVideoStatus | null) => void) | undefined;
}) {
  const { index, cameraId, camera, style, onStatus } = props;
  const box = useRef<HTMLDivElement>(null);
  const profile = useTileProfile(box, camera, false);
  const [status, setStatus] = useState<LiveVideoStatus | null>(null);
  useEffect(() => {
    onStatus?.(status);
  }, [onStatus, status]);
  useEffect(() => () => onStatus?.(null), [onStatus]);
  return (
    <div
      ref={box}
      className="alarm__tile"
      style={style}
      data-alarm-index={index}
      data-camera-id={cameraId}
      data-state={status?.state ?? 'connecting'}
    >
      <LiveVideo cameraId={cameraId} profile={profile} onStatus={setStatus} />
      {status ? <PlayerStatus status={status} /> : null}
      <span className="alarm__name">{camera?.name ?? cameraId}</span>
    </div>
  );
}
