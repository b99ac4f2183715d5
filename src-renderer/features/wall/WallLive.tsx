import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import type { WallDisplay } from '../../../src-shared/contract/layouts';
import { core } from '../../bridge';
import type { LiveVideoStatus } from '../player';
import { AlarmView } from './AlarmView';
import { LayoutGrid, type AlarmSlot } from './LayoutGrid';
import { NewCaseFromTile, useNewCaseFromTile } from './NewCaseFromTile';
import { resolveShow, type WallShow } from './resolveShow';
import { TileNumberStatus } from './TileNumberStatus';
import { camerasById, useCameras, useLayouts, useTours } from './useWallData';
import { useTileStatuses, useWallControls } from './useWallControls';
import { useTourClock } from './useTourClock';
import { useWallReport } from './useWallReport';

const NO_CAMERA_MAP: ReadonlyMap<string, Camera> = new Map();

/** What one display shows, live: its layout or tour, the alarm pop-up over it, operated by the wall keys. */
export function WallLive({ display, onShow }: { display: WallDisplay; onShow?: (show: WallShow) => void }) {
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const layouts = useLayouts().state;
  const tours = useTours().state;
  const cameraState = useCameras().state;
  const loadedCameras = useMemo(() => camerasById(cameraState), [cameraState]);
  const cameras = loadedCameras ?? NO_CAMERA_MAP;
  const now = useTourClock(display.source?.kind === 'tour' && display.tour.running);
  const computed = useMemo(
    () =>
      resolveShow(
        display,
        layouts.status === 'ready' ? layouts.value : [],
        tours.status === 'ready' ? tours.value : [],
        now,
      ),
    [display, layouts, tours, now],
  );
  // The clock ticks twice a second; the tiles only care when what is shown changes.
  const stable = useRef(computed);
  if (showKey(stable.current) !== showKey(computed)) stable.current = computed;
  const show = stable.current;
  useEffect(() => onShow?.(show), [onShow, show]);

  const toggleTour = useCallback(() => {
    if (!show.tour) return;
    void core.call('walls.tour', { displayId: display.displayId, running: !show.tour.running });
  }, [show.tour, display.displayId]);
  const newCase = useNewCaseFromTile(cameras);
  const controls = useWallControls({
    grid: show.grid,
    cameras,
    root,
    onTour: toggleTour,
    onNewCase: newCase.onNewCase,
    keysEnabled: !newCase.open,
  });
  const { statuses, version, onStatus } = useTileStatuses();
  const [lead, setLead] = useState<LiveVideoStatus | null>(null);

  const alarm = display.alarm;
  const slot: AlarmSlot | null = alarm
    ? {
        index: display.alarmPolicy.slot,
        cameraId: alarm.cameraIds[0] ?? null,
        state: lead?.state ?? 'connecting',
        content: (
          <AlarmView
            alarm={alarm}
            cameras={cameras}
            onLeadStatus={setLead}
            onAcknowledge={() =>
              void core.call('walls.acknowledge', { displayId: display.displayId, alarmId: alarm.id })
            }
          />
        ),
      }
    : null;

  useWallReport({
    displayId: display.displayId,
    grid: show.grid,
    layoutId: show.layoutId,
    tourStep: show.tour?.step ?? null,
    alarmId: alarm?.id ?? null,
    statuses,
    version,
  });

  if (!show.grid) {
    return (
      <div className="wallwin__centre" data-testid="wall-nothing" data-problem={show.problem ?? undefined}>
        <p className="wallwin__message">{t(`wall.problem.${show.problem ?? 'unassigned'}`)}</p>
        <p className="muted">{t('wall.windowHint')}</p>
      </div>
    );
  }
  return (
    <div ref={root} className="wallwin__grid">
      <LayoutGrid
        grid={show.grid}
        cameras={loadedCameras}
        selected={controls.selected}
        maximised={controls.maximised}
        showStats={controls.showStats}
        ptzIndex={controls.ptzIndex}
        actions={controls.actions}
        alarm={slot}
        onStatus={onStatus}
        registerHandle={controls.registerHandle}
        testId="wall-grid"
      />
      <TileNumberStatus note={controls.numberNote} />
      <div className="wallwin__notices">
        <NewCaseFromTile state={newCase} openable={false} />
      </div>
    </div>
  );
}

function showKey(show: WallShow): string {
  const { tour, ...rest } = show;
  return JSON.stringify({ ...rest, tour: tour ? { ...tour, remainingMs: null } : null });
}
