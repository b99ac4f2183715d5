import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId: string;
  wide?: boolean;
}

const FOCUSABLE =
  'input:not([disabled]), select:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal: focus moves to its first field and returns where it was on close; Escape closes; Tab stays
 * inside. A click outside does not close it, so a half-typed form is not lost by a stray click.
 */
export function Dialog({ title, onClose, children, testId, wide }: DialogProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    const previous = document.activeElement;
    const first = (part: string): HTMLElement | null | undefined =>
      box.current?.querySelector<HTMLElement>(`.${part}`)?.querySelector<HTMLElement>(FOCUSABLE);
    (first('cam-dialog__body') ?? first('cam-dialog__footer') ?? box.current)?.focus();
    // On the document, not the dialog: a button that disables itself while saving drops focus to <body>.
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        close.current();
      } else if (event.key === 'Tab') trapTab(event, box.current);
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      if (previous instanceof HTMLElement) previous.focus();
    };
  }, []);

  return (
    <div className="overlay">
      <div
        ref={box}
        className={wide ? 'dialog cam-dialog cam-dialog--wide' : 'dialog cam-dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid={testId}
      >
        <header className="dialog__header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="btn btn--ghost btn--small" onClick={onClose}>
            {t('common.close')} <kbd className="kbd">Esc</kbd>
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}

function trapTab(event: KeyboardEvent, box: HTMLElement | null): void {
  if (!box) return;
  const items = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return;
  if (!box.contains(document.activeElement)) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  } else if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
