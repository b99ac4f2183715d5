import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import type { Layout, Tour } from '../../../src-shared/contract/layouts';
import { core, type ClientError } from '../../bridge';
import { Panel } from '../../ui';
import { TourEditor } from './TourEditor';
import { ActionError } from './ActionError';

interface ToursPanelProps {
  tours: readonly Tour[];
  layouts: readonly Layout[];
  cameras: readonly Camera[];
  canConfigure: boolean;
}

/** Tours: sequences of layouts or camera groups that a display cycles through. */
export function ToursPanel({ tours, layouts, cameras, canConfigure }: ToursPanelProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Tour | 'new' | null>(null);
  const [error, setError] = useState<ClientError | null>(null);

  async function remove(tour: Tour): Promise<void> {
    const result = await core.call('tours.remove', { id: tour.id });
    setError(result.ok ? null : result.error);
  }

  return (
    <Panel
      title={t('wall.tours.title')}
      testId="wall-tours"
      actions={
        canConfigure && editing === null ? (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            data-testid="tour-new"
            onClick={() => setEditing('new')}
          >
            {t('wall.tours.new')}
          </button>
        ) : null
      }
    >
      {editing !== null ? (
        <TourEditor
          key={editing === 'new' ? 'new' : editing.id}
          tour={editing === 'new' ? null : editing}
          layouts={layouts}
          cameras={cameras}
          onDone={() => setEditing(null)}
        />
      ) : tours.length === 0 ? (
        <p className="muted">{t('wall.tours.none')}</p>
      ) : (
        <ul className="tour-list">
          {tours.map((tour) => (
            <li key={tour.id} className="tour-list__item" data-testid="tour-item">
              <span className="tour-list__name">{tour.name}</span>
              <span className="muted">
                {t('wall.tours.summary', {
                  steps: tour.steps.length,
                  seconds: tour.steps.reduce((n, s) => n + s.dwellSec, 0),
                })}
              </span>
              {canConfigure ? (
                <span className="tour-list__buttons">
                  <button type="button" className="btn btn--ghost btn--small" onClick={() => setEditing(tour)}>
                    {t('wall.tours.edit')}
                  </button>
                  <button type="button" className="btn btn--ghost btn--small" onClick={() => void remove(tour)}>
                    {t('wall.tours.remove')}
                  </button>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {error ? <ActionError error={error} testId="tour-remove-error" /> : null}
    </Panel>
  );
}
