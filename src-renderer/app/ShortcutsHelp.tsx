import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { WallShortcutRows } from '../features/wall';
import { PAGES, shortcutLabel } from './routes';

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement;
    closeButton.current?.focus();
    return () => {
      if (previous instanceof HTMLElement) previous.focus();
    };
  }, []);

  return (
    <div className="overlay" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        data-testid="shortcuts-help"
        onClick={(event) => event.stopPropagation()}
      >
        <header className="dialog__header">
          <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
          <button ref={closeButton} type="button" className="btn btn--ghost btn--small" onClick={onClose}>
            {t('common.close')} <kbd className="kbd">Esc</kbd>
          </button>
        </header>
        <table className="shortcuts">
          <tbody>
            {PAGES.map((page) => (
              <tr key={page.name}>
                <td>
                  <kbd className="kbd">{shortcutLabel(page)}</kbd>
                </td>
                <td>{t('shortcuts.goTo', { page: t(`nav.${page.name}`) })}</td>
              </tr>
            ))}
            <tr>
              <td>
                <kbd className="kbd">?</kbd>
              </td>
              <td>{t('shortcuts.toggleHelp')}</td>
            </tr>
            <tr>
              <td>
                <kbd className="kbd">Esc</kbd>
              </td>
              <td>{t('shortcuts.closeOverlay')}</td>
            </tr>
            <tr>
              <th colSpan={2} className="shortcuts__section">
                {t('wall.keys.title')}
              </th>
            </tr>
            <WallShortcutRows />
          </tbody>
        </table>
      </div>
    </div>
  );
}
