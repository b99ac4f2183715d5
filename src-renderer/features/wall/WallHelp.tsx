import { useTranslation } from 'react-i18next';
import { WALL_SHORTCUTS } from './wallKeys';

/** The wall's keys as a table; the app's `?` help and the wall window's own help both show it. */
export function WallShortcutRows() {
  const { t } = useTranslation();
  return (
    <>
      {WALL_SHORTCUTS.map((shortcut) => (
        <tr key={shortcut.label} data-testid="wall-shortcut">
          <td>
            <span className="wall-keys">
              {shortcut.keys.map((key) => (
                <kbd key={key} className="kbd">
                  {key === 'wall.keys.wheel' ? t('wall.keys.wheel') : key}
                </kbd>
              ))}
            </span>
          </td>
          <td>{t(shortcut.label)}</td>
        </tr>
      ))}
    </>
  );
}

/** The wall window's `?` overlay (the window has no control frame around it). */
export function WallHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="overlay" onClick={onClose}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={t('wall.keys.title')} data-testid="wall-help">
        <header className="dialog__header">
          <h2>{t('wall.keys.title')}</h2>
          <button type="button" className="btn btn--ghost btn--small" onClick={onClose}>
            {t('common.close')} <kbd className="kbd">Esc</kbd>
          </button>
        </header>
        <table className="shortcuts">
          <tbody>
            <WallShortcutRows />
          </tbody>
        </table>
      </div>
    </div>
  );
}
