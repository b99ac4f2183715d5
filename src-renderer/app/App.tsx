import { LoginPage } from '../features/login';
import { WallWindow } from '../features/wall';
import { useSession } from '../stores/session';
import { Frame } from './Frame';
import { Splash } from './Splash';
import { useHashRoute } from './useHashRoute';

export function App() {
  const route = useHashRoute();
  const session = useSession();
  if (route.kind === 'wall-window') return <WallWindow displayId={route.displayId} />;
  if (session.status === 'checking') return <Splash />;
  if (session.status === 'signed-out') return <LoginPage />;
  return <Frame page={route.page} user={session.user} />;
}
