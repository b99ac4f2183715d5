import { useTranslation } from 'react-i18next';
import type { TileNumberNote } from './tileNumberEntry';
import './tile-number.css';

/**
 * The tile number being typed on a wall of 10 tiles or more ("Ô 1…"), or a number no tile has: shown over the grid
 * and said by screen readers (a polite live region that is always there, so a change is announced).
 */
export function TileNumberStatus({ note }: { note: TileNumberNote | null }) {
  const { t } = useTranslation();
  const text =
    note?.kind === 'pending'
      ? t('wall.tileEntry.pending', { digit: note.digit })
      : note?.kind === 'missing'
        ? t('wall.tileEntry.missing', { n: note.n })
        : '';
  return (
    <div
      className={note ? 'tile-number tile-number--shown' : 'tile-number'}
      role="status"
      data-testid="tile-number"
      data-pending={note?.kind === 'pending' ? note.digit : undefined}
    >
      {text}
    </div>
  );
}
