import type { ReactNode } from 'react';

interface PanelProps {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
  className?: string;
}

export function Panel({ title, actions, children, testId, className }: PanelProps) {
  return (
    <section className={className ? `panel ${className}` : 'panel'} data-testid={testId} aria-label={title}>
      <header className="panel__header">
        <h2 className="panel__title">{title}</h2>
        {actions}
      </header>
      <div className="panel__body">{children}</div>
    </section>
  );
}
