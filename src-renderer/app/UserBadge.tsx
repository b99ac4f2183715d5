import { useTranslation } from 'react-i18next';
import type { AuthUser } from '../bridge';
import { Icon } from '../ui';

export function UserBadge({ user }: { user: AuthUser }) {
  const { t } = useTranslation();
  const roles = user.roles.map((role) => t(`roles.${role}`)).join(', ');
  return (
    <div className="user" data-testid="current-user" title={`${user.username} — ${roles}`}>
      <Icon name="user" size={20} className="user__icon" />
      <div className="user__text">
        <span className="user__name">{user.displayName}</span>
        <span className="user__role" data-testid="current-role">
          {roles}
        </span>
      </div>
    </div>
  );
}
