import type { DragEvent, MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TileState } from '../../../src-shared/contract/layouts';
import type { TileActions } from './Tile';

interface TileBarProps {
  index: number;
  name: string | null;
  state: TileState | null;
  ptz: boolean;
  hasCamera: boolean;
  maximised: boolean;
  draggable: boolean;
  onDragStart(event: DragEvent): void;
  actions: TileActions;
}

const stop = (run: () => void) => (event: MouseEvent) => {
  event.stopPropagation();
  run();
};

/** The strip across the top of a tile: number, camera name, state light, and the tile's buttons. */
export function TileBar({
  index,
  name,
  state,
  ptz,
  hasCamera,
  maximised,
  draggable,
  onDragStart,
  actions,
}: TileBarProps) {
  const { t } = useTranslation();
  return (
    <div
      className="tile__bar"
      draggable={draggable}
      onDragStart={onDragStart}
      title={draggable ? t('wall.dragToSwap') : undefined}
    >
      <span className="tile__num mono">{index + 1}</span>
      <span className="tile__name">{name ?? ''}</span>
      {state ? <span className={`tile__light tile__light--${state}`} title={t(`player.state.${state}`)} /> : null}
      <span className="tile__buttons">
        {hasCamera ? (
          <>
            <button
              type="button"
              className="tile__btn"
              title={`${t('wall.stats')} (I)`}
              onClick={stop(actions.toggleStats)}
            >
              i
            </button>
            <button
              type="button"
              className="tile__btn"
              data-testid="tile-snapshot"
              title={`${t('wall.snapshot')} (S)`}
              onClick={stop(() => actions.snapshot(index))}
            >
              ◉
            </button>
            {actions.newCase ? (
              <button
                type="button"
                className="tile__btn"
                data-testid="tile-new-case"
                title={`${t('caseCreate.open')} (N)`}
                onClick={stop(() => actions.newCase?.(index))}
              >
                ＋
              </button>
            ) : null}
          </>
        ) : null}
        {ptz ? (
          <button
            type="button"
            className="tile__btn"
            data-testid="tile-ptz"
            title={`${t('wall.ptz')} (P)`}
            onClick={stop(() => actions.togglePtz(index))}
          >
            ✥
          </button>
        ) : null}
        <button
          type="button"
          className="tile__btn"
          data-testid="tile-maximise"
          title={`${maximised ? t('wall.restore') : t('wall.maximise')} (F)`}
          onClick={stop(() => actions.maximise(index))}
        >
          {maximised ? '⤡' : '⤢'}
        </button>
        {actions.clear && hasCamera ? (
          <button
            type="button"
            className="tile__btn"
            data-testid="tile-clear"
            title={`${t('wall.clearTile')} (Del)`}
            onClick={stop(() => actions.clear?.(index))}
          >
            ✕
          </button>
        ) : null}
      </span>
    </div>
  );
}
