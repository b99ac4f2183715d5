import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from './Icon';

interface EmptyStateProps {
  icon: IconName;
  title: string;
  /** What will be here once there is data. */
  body: string;
  /** What the user can do to get there. */
  next: string;
  children?: ReactNode;
}

/** An honest empty page: what this place is for and how it gets filled. Never placeholder data. */
export function EmptyState({ icon, title, body, next, children }: EmptyStateProps) {
  const { t } = useTranslation();
  return (
    <div className="empty" data-testid="empty-state">
      <div className="empty__icon">
        <Icon name={icon} size={28} />
      </div>
      <div>
        <h2 className="empty__title">{title}</h2>
        <p className="empty__body">{body}</p>
        <p className="empty__next">
          <span className="empty__next-label">{t('common.next')}:</span>
          <span>{next}</span>
        </p>
        {children}
      </div>
    </div>
  );
}
