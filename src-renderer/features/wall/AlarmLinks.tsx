import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../src-shared/contract';
import { core, type ClientError } from '../../bridge';
import { ActionError } from './ActionError';

const MAX_LINKS = 8;

/** Which cameras pop up together with a camera that raises an alarm (e.g. the ones watching the same crossing). */
export function AlarmLinks({ cameras, canConfigure }: { cameras: readonly Camera[]; canConfigure: boolean }) {
  const { t } = useTranslation();
  const [cameraId, setCameraId] = useState('');
  const [linked, setLinked] = useState<string[] | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    setLinked(null);
    setSaved(false);
    if (!cameraId) return;
    let live = true;
    void core.call('walls.links', { cameraId }).then((result) => {
      if (!live) return;
      if (result.ok) setLinked(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [cameraId]);

  async function save(): Promise<void> {
    if (!cameraId || !linked) return;
    const result = await core.call('walls.setLinks', { cameraId, linked });
    setError(result.ok ? null : result.error);
    setSaved(result.ok);
    if (result.ok) setLinked(result.value);
  }

  return (
    <details className="alarm-links">
      <summary>{t('wall.alarm.links')}</summary>
      <select
        className="input input--small"
        data-testid="alarm-links-camera"
        value={cameraId}
        onChange={(e) => setCameraId(e.target.value)}
      >
        <option value="">{t('wall.alarm.linksPick')}</option>
        {cameras.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      {linked ? (
        <fieldset className="tour-editor__camera-list" disabled={!canConfigure}>
          {cameras
            .filter((c) => c.id !== cameraId)
            .map((c) => (
              <label key={c.id} className="tour-editor__pin">
                <input
                  type="checkbox"
                  checked={linked.includes(c.id)}
                  disabled={!linked.includes(c.id) && linked.length >= MAX_LINKS}
                  onChange={(e) => {
                    setSaved(false);
                    setLinked(e.target.checked ? [...linked, c.id] : linked.filter((id) => id !== c.id));
                  }}
                />
                {c.name}
              </label>
            ))}
          <button type="button" className="btn btn--small" onClick={() => void save()}>
            {saved ? t('wall.alarm.saved') : t('wall.alarm.linksSave')}
          </button>
        </fieldset>
      ) : null}
      {error ? <ActionError error={error} /> : null}
    </details>
  );
}
