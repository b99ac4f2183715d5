import { useEffect } from 'react';
import { PAGES } from './routes';
import { navigate } from './useHashRoute';

interface ShortcutHandlers {
  toggleHelp: () => void;
  closeHelp: () => void;
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** Alt+1…7 open the pages, `?` toggles the shortcut list, Escape closes it. */
export function useShortcuts({ toggleHelp, closeHelp }: ShortcutHandlers): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey) return;
      if (event.altKey && !event.shiftKey) {
        const page = PAGES.find((p) => p.shortcut === event.code);
        if (page) {
          event.preventDefault();
          navigate(page.name);
        }
        return;
      }
      if (event.key === 'Escape') closeHelp();
      else if (event.key === '?' && !isTyping(event.target)) {
        event.preventDefault();
        toggleHelp();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [toggleHelp, closeHelp]);
}
