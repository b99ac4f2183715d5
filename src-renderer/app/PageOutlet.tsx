import { Suspense, type ComponentType } from 'react';
import { hasPermission, type Role } from '../../src-shared/contract';
import { CamerasPage } from '../features/cameras';
import { CasesPage } from '../features/cases';
import { DashboardPage } from '../features/dashboard';
import { MapPage } from '../features/map';
import { ReviewPage } from '../features/review';
import { SettingsPage } from '../features/settings';
import { SystemsPage } from '../features/systems';
import { WallPage } from '../features/wall';
import { RestrictedPage } from './RestrictedPage';
import { PAGES, type PageName } from './routes';

const COMPONENTS: Record<PageName, ComponentType> = {
  wall: WallPage,
  map: MapPage,
  cases: CasesPage,
  cameras: CamerasPage,
  review: ReviewPage,
  dashboard: DashboardPage,
  settings: SettingsPage,
  systems: SystemsPage,
};

export function PageOutlet({ page, roles }: { page: PageName; roles: readonly Role[] }) {
  const permission = PAGES.find((p) => p.name === page)?.permission ?? null;
  if (permission !== null && !hasPermission(roles, permission))
    return <RestrictedPage name={page} permission={permission} />;
  const Component = COMPONENTS[page];
  return (
    <Suspense fallback={<p className="loading">…</p>}>
      <Component />
    </Suspense>
  );
}
