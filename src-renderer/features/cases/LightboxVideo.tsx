import { useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaErrorKey } from './useMediaFile';
import { freshTicketUse, renewalSettled, shouldRenewOnError } from './ticketRenewal';
import { useMediaTicket } from './useMediaTicket';
import { bufferedPercent, videoErrorKey, type VideoPhase } from './videoProgress';

/**
 * A case's video in the lightbox, streamed from the core with byte ranges (seeking works, playback starts before
 * the whole file has come): a "preparing" state while the core makes sure it has the file, a loading bar while it
 * buffers, and a clear sentence with "try again" when it cannot be played. A ticket that expired (paused past its
 * idle time, or played past its maximum age) is renewed silently, once per failure, where playback was.
 */
export function LightboxVideo({ sha256 }: { sha256: string }) {
  const { t } = useTranslation();
  const [attempt, setAttempt] = useState(0);
  const { state: ticket, renew } = useMediaTicket(sha256, attempt);
  const [phase, setPhase] = useState<VideoPhase>('buffering');
  const [percent, setPercent] = useState<number | null>(null);
  const [errorKey, setErrorKey] = useState<ReturnType<typeof videoErrorKey> | null>(null);
  // Where playback was when it broke off, and whether it was playing: a retry or a renewal resumes there.
  const resume = useRef({ at: 0, playing: true });
  const [autoPlay, setAutoPlay] = useState(true);
  // How the current ticket has done (its expiry is read from the ticket when an error comes).
  const use = useRef(freshTicketUse(null));

  const retry = () => {
    setPhase('buffering');
    setPercent(null);
    setErrorKey(null);
    setAutoPlay(true);
    use.current = freshTicketUse(null);
    setAttempt((a) => a + 1);
  };
  const retryButton = (
    <button type="button" className="button" onClick={retry} data-testid="media-lightbox-retry">
      {t('cases.media.retry')}
    </button>
  );

  if (ticket.status === 'loading') {
    return (
      <p className="media-lightbox__state" data-testid="media-lightbox-state" data-state="preparing" role="status">
        {t('cases.media.preparing')}
      </p>
    );
  }
  if (ticket.status === 'failed') {
    const key = mediaErrorKey(ticket.error);
    return (
      <div className="media-lightbox__state" data-testid="media-lightbox-error" data-reason={key}>
        <p>
          {key === 'failed'
            ? t('cases.media.failed', { message: t(`errors.${ticket.error.code}`) })
            : t(`cases.media.${key}`)}
        </p>
        {retryButton}
      </div>
    );
  }

  const progress = (event: SyntheticEvent<HTMLVideoElement>) => {
    const video = event.currentTarget;
    setPercent(bufferedPercent(video.buffered, video.currentTime, video.duration));
  };
  return (
    <div className="media-lightbox__video">
      <video
        key={ticket.url}
        className="media-lightbox__media"
        src={ticket.url}
        crossOrigin="anonymous"
        preload="auto"
        controls
        autoPlay={autoPlay}
        data-testid="media-lightbox-video"
        data-phase={phase}
        onLoadedMetadata={(event) => {
          use.current.worked = true;
          if (resume.current.at > 0) event.currentTarget.currentTime = resume.current.at;
          progress(event);
        }}
        onProgress={progress}
        onTimeUpdate={(event) => {
          resume.current.at = event.currentTarget.currentTime;
          if (renewalSettled(use.current, resume.current.at)) use.current.renewedAt = null;
        }}
        onPlay={() => {
          resume.current.playing = true;
        }}
        onCanPlay={(event) => {
          // Autoplay may be refused (no user gesture): then it waits, paused, with its controls.
          if (event.currentTarget.paused) setPhase('paused');
        }}
        onWaiting={() => setPhase('buffering')}
        onSeeking={(event) => {
          // A seek whose bytes the expired ticket is refused for resumes at its target, not where it left. The
          // operator seeking away from where a renewal resumed is a new request: its failure may renew again (the
          // renewal's own resume seek lands on that spot and does not count).
          resume.current.at = event.currentTarget.currentTime;
          if (renewalSettled(use.current, resume.current.at)) use.current.renewedAt = null;
          setPhase('buffering');
        }}
        onPlaying={() => setPhase('playing')}
        onPause={() => {
          resume.current.playing = false;
          setPhase('paused');
        }}
        onSeeked={(event) => setPhase(event.currentTarget.paused ? 'paused' : 'playing')}
        onError={(event) => {
          const code = event.currentTarget.error?.code;
          if (shouldRenewOnError(code, { ...use.current, expiresAt: ticket.expiresAt }, Date.now())) {
            use.current = { ...use.current, worked: false, renewedAt: resume.current.at };
            setAutoPlay(resume.current.playing);
            setPhase('buffering');
            renew();
            return;
          }
          setErrorKey(videoErrorKey(code));
          setPhase('failed');
        }}
      />
      {phase === 'buffering' ? (
        <div
          className="media-lightbox__loading"
          data-testid="media-lightbox-state"
          data-state="buffering"
          role="status"
        >
          <span>{percent === null ? t('cases.media.buffering') : t('cases.media.bufferingPercent', { percent })}</span>
          <progress max={100} value={percent ?? undefined} />
        </div>
      ) : null}
      {phase === 'failed' && errorKey ? (
        <div className="media-lightbox__state" data-testid="media-lightbox-error" data-reason={errorKey}>
          <p>{t(`cases.media.${errorKey}`)}</p>
          {retryButton}
        </div>
      ) : null}
    </div>
  );
}
