import { useEffect, useRef } from 'react';
import type { LiveProfile } from '../../../src-shared/contract/streams';
import { LiveSession, type SessionState } from './liveSession';

export interface LivePlayerProps {
  cameraId: string;
  profile: LiveProfile;
  /** False while the tile is off screen or the window hidden: session stopped, channel closed. */
  active: boolean;
  /** Shown on top; a player warming up underneath (stream switch) is not. */
  front: boolean;
  onState(state: SessionState): void;
  /** Receives the running session (stats); a stable object, e.g. from useRef. */
  sessionRef?: { current: LiveSession | null };
}

/** One <video> playing one stream through a LiveSession that lives exactly as long as it is active. */
export function LivePlayer({ cameraId, profile, active, front, onState, sessionRef }: LivePlayerProps) {
  const video = useRef<HTMLVideoElement>(null);
  const report = useRef(onState);
  useEffect(() => {
    report.current = onState;
  });

  useEffect(() => {
    const element = video.current;
    if (!element || !active) return;
    const session = new LiveSession(element, { cameraId, profile }, (state) => report.current(state));
    if (sessionRef) sessionRef.current = session;
    session.start();
    return () => {
      session.stop();
      if (sessionRef?.current === session) sessionRef.current = null;
    };
  }, [cameraId, profile, active, sessionRef]);

  return (
    <video
      ref={video}
      className={front ? 'live-video' : 'live-video live-video--behind'}
      data-profile={profile}
      muted
      playsInline
      disablePictureInPicture
    />
  );
}
