import { useTranslation } from 'react-i18next';
import type { Camera, CameraStatus } from '../../../src-shared/contract';
import { countByStatus } from './cameraFilter';
import { STATUS_ORDER, statusTone } from './cameraView';

interface StatusSummaryProps {
  cameras: readonly Camera[];
  active: CameraStatus | '';
  onPick: (status: CameraStatus | '') => void;
}

/** One chip per status that occurs, worst first; a chip filters the list, pressing it again clears. */
export function StatusSummary({ cameras, active, onPick }: StatusSummaryProps) {
  const { t } = useTranslation();
  const counts = countByStatus(cameras);
  return (
    <div className="cam-summary" role="group" aria-label={t('cameras.summary')} data-testid="camera-summary">
      {STATUS_ORDER.filter((status) => (counts.get(status) ?? 0) > 0).map((status) => (
        <button
          key={status}
          type="button"
          className={`cam-summary__item cam-summary__item--${statusTone(status)}`}
          aria-pressed={active === status}
          title={t(`cameras.advice.${status}`)}
          data-testid={`summary-${status}`}
          onClick={() => onPick(active === status ? '' : status)}
        >
          <span className="cam-summary__count">{counts.get(status)}</span>
          <span>{t(`cameras.status.${status}`)}</span>
        </button>
      ))}
    </div>
  );
}
