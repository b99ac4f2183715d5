import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthUser } from '../bridge';
import { holdAlertFeed } from '../features/alerts';
import { Header } from './Header';
import { NavRail } from './NavRail';
import { PageOutlet } from './PageOutlet';
import type { PageName } from './routes';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useShortcuts } from './useShortcuts';

/** The control window: header across the top, navigation rail on the left, the current page in the rest. */
export function Frame({ page, user }: { page: PageName; user: AuthUser }) {
  const { t } = useTranslation();
  const [helpOpen, setHelpOpen] = useState(false);
  const toggleHelp = useCallback(() => setHelpOpen((open) => !open), []);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  useShortcuts({ toggleHelp, closeHelp });
  // Critical alerts must sound on whatever page the operator is, not only where the alerts panel is shown.
  useEffect(() => holdAlertFeed(), []);

  useEffect(() => {
    document.title = `${t(`nav.${page}`)} — ${t('app.name')}`;
  }, [page, t]);

  return (
    <div className="frame" data-testid="frame">
      <Header user={user} onHelp={toggleHelp} />
      <NavRail current={page} roles={user.roles} />
      <main className="frame__main">
        <PageOutlet page={page} roles={user.roles} />
      </main>
      {helpOpen ? <ShortcutsHelp onClose={closeHelp} /> : null}
    </div>
  );
}
