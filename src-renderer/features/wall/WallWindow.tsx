import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../src-shared/i18n';
import { restoreSession, useSession } from '../../stores/session';
import { useNow } from '../../ui';
import type { WallShow } from './resolveShow';
import { useWallDisplay } from './useWallData';
import { isTyping } from './useWallControls';
import { WallHelp } from './WallHelp';
import { WallLive } from './WallLive';
import './wall.css';

const SIGN_IN_POLL_MS = 5_000;

function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen();
  else void document.documentElement.requestFullscreen().catch(() => undefined);
}

/** `#/wall/<displayId>`: what one screen of the LED wall shows. No chrome; the wall keys and `?` help work. */
export function WallWindow({ displayId }: { displayId: string }) {
  const { t } = useTranslation();
  const status = useSession((s) => s.status);
  const [help, setHelp] = useState(false);
  const [show, setShow] = useState<Pick<WallShow, 'layoutName' | 'tour'> | null>(null);

  // A wall window has no keyboard in front of it: it waits for the control window's sign-in (same cookie).
  useEffect(() => {
    if (status !== 'signed-out') return;
    const timer = setInterval(() => void restoreSession(), SIGN_IN_POLL_MS);
    return () => clearInterval(timer);
  }, [status]);

  useEffect(() => {
    document.title = `${displayId} — ${t('app.name')}`;
  }, [displayId, t]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      if (event.key === '?') setHelp((h) => !h);
      else if (event.key === 'Escape') setHelp(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onShow = useCallback((next: WallShow) => {
    setShow((current) =>
      current?.layoutName === next.layoutName &&
      current.tour?.step === next.tour?.step &&
      current.tour?.running === next.tour?.running &&
      current.tour?.id === next.tour?.id
        ? current
        : { layoutName: next.layoutName, tour: next.tour },
    );
  }, []);

  return (
    <div className="wallwin" data-testid="wall-window" data-display={displayId} onDoubleClick={toggleFullscreen}>
      {status === 'signed-in' ? (
        <SignedIn displayId={displayId} onShow={onShow} />
      ) : (
        <div className="wallwin__centre">
          <p className="wallwin__message">
            {status === 'signed-out' ? t('wall.windowSignedOut') : t('session.checking')}
          </p>
          <p className="muted">{t('wall.windowHint')}</p>
        </div>
      )}
      <div className="wallwin__bar">
        <span className="mono">{displayId}</span>
        {show?.tour ? (
          <span data-testid="wall-tour" data-step={show.tour.step} data-running={show.tour.running}>
            {t(show.tour.running ? 'wall.tourRunning' : 'wall.tourStopped', {
              name: show.tour.name,
              step: show.tour.step + 1,
              steps: show.tour.steps,
            })}
          </span>
        ) : show?.layoutName ? (
          <span data-testid="wall-layout-name">{show.layoutName}</span>
        ) : null}
        <WallClock />
      </div>
      {help ? <WallHelp onClose={() => setHelp(false)} /> : null}
    </div>
  );
}

/** The bar's clock in its own component: its tick each second re-renders the clock, not every tile of the wall. */
function WallClock() {
  const now = useNow();
  return <time className="mono">{formatDateTime(now)}</time>;
}

function SignedIn({ displayId, onShow }: { displayId: string; onShow: (show: WallShow) => void }) {
  const { t } = useTranslation();
  const display = useWallDisplay(displayId);
  if (display.status === 'loading') return <p className="wallwin__centre">{t('common.loading')}</p>;
  if (display.status === 'failed') {
    return (
      <div className="wallwin__centre">
        <p className="wallwin__message">{t('wall.loadFailed', { message: t(`errors.${display.error.code}`) })}</p>
      </div>
    );
  }
  return <WallLive display={display.value} onShow={onShow} />;
}
