import type { ReactNode } from 'react';

interface HoldButtonProps {
  label: string;
  onHold: (held: boolean) => void;
  children: ReactNode;
  testId: string;
}

/** A button that acts while pressed (pointer, Enter or Space) and stops on release, blur or cancel. */
export function HoldButton({ label, onHold, children, testId }: HoldButtonProps) {
  return (
    <button
      type="button"
      className="btn ptz-hold"
      title={label}
      aria-label={label}
      data-testid={testId}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        onHold(true);
      }}
      onPointerUp={() => onHold(false)}
      onPointerCancel={() => onHold(false)}
      onLostPointerCapture={() => onHold(false)}
      onKeyDown={(event) => {
        if ((event.key === 'Enter' || event.key === ' ') && !event.repeat) {
          event.preventDefault();
          onHold(true);
        }
      }}
      onKeyUp={(event) => {
        if (event.key === 'Enter' || event.key === ' ') onHold(false);
      }}
      onBlur={() => onHold(false)}
    >
      {children}
    </button>
  );
}
