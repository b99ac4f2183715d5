import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../src-shared/i18n';
import { restoreSession, useSession } from '../../stores/session';
import { useNow } from '../../ui';
import './wall.css';

const SIGN_IN_POLL_MS = 5_000;

function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen();
  else void document.documentElement.requestFullscreen().catch(() => undefined);
}

/** `#/wall/<displayId>`: what one screen of the LED wall shows. No chrome, nothing to click but full screen. */
export function WallWindow({ displayId }: { displayId: string }) {
  const { t } = useTranslation();
  const status = useSession((s) => s.status);
  const now = useNow();

  // A wall window has no keyboard in front of it: it waits for the control window's sign-in (same cookie).
  useEffect(() => {
    if (status !== 'signed-out') return;
    const timer = setInterval(() => void restoreSession(), SIGN_IN_POLL_MS);
    return () => clearInterval(timer);
  }, [status]);

  useEffect(() => {
    document.title = `${displayId} — ${t('app.name')}`;
  }, [displayId, t]);

  return (
    <div className="wallwin" data-testid="wall-window" data-display={displayId} onDoubleClick={toggleFullscreen}>
      <div className="wallwin__bar">
        <span className="mono">{displayId}</span>
        <time className="mono">{formatDateTime(now)}</time>
      </div>
      <div className="wallwin__centre">
        <p className="wallwin__message">
          {status === 'signed-out'
            ? t('wall.windowSignedOut')
            : status === 'signed-in'
              ? t('wall.windowEmpty')
              : t('session.checking')}
        </p>
        <p className="muted">{t('wall.windowHint')}</p>
      </div>
    </div>
  );
}
