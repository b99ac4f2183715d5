import type { ReactNode } from 'react';
import { Icon } from './Icon';

interface NoticeProps {
  tone: 'error' | 'warn' | 'info';
  children: ReactNode;
  hint?: ReactNode;
  testId?: string;
}

/** A message in a coloured box; errors and warnings are announced to screen readers. */
export function Notice({ tone, children, hint, testId }: NoticeProps) {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'info' ? 'status' : 'alert'} data-testid={testId}>
      <Icon className="notice__icon" name={tone === 'info' ? 'info' : 'alert'} />
      <div>
        <div>{children}</div>
        {hint ? <div className="notice__hint">{hint}</div> : null}
      </div>
    </div>
  );
}
