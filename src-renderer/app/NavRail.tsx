import { useTranslation } from 'react-i18next';
import { hasPermission, type Role } from '../../src-shared/contract';
import { Icon } from '../ui';
import { PAGES, pageHash, shortcutLabel, type PageName } from './routes';

interface NavRailProps {
  current: PageName;
  roles: readonly Role[];
}

export function NavRail({ current, roles }: NavRailProps) {
  const { t } = useTranslation();
  return (
    <nav className="rail" aria-label={t('nav.label')}>
      <ul className="rail__list">
        {PAGES.map((page) => {
          const locked = page.permission !== null && !hasPermission(roles, page.permission);
          const label = t(`nav.${page.name}`);
          const title = `${label} (${shortcutLabel(page)})${locked ? ` — ${t('nav.restricted')}` : ''}`;
          return (
            <li key={page.name}>
              <a
                className="rail__item"
                href={pageHash(page.name)}
                aria-current={page.name === current ? 'page' : undefined}
                title={title}
                data-testid={`nav-${page.name}`}
                data-locked={locked || undefined}
              >
                <Icon name={page.icon} size={20} />
                <span className="rail__label">{label}</span>
                {locked ? (
                  <Icon name="lock" size={14} className="rail__lock" />
                ) : (
                  <kbd className="rail__key">{shortcutLabel(page)}</kbd>
                )}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
