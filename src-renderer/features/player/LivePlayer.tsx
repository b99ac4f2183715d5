import { useEffect, useRef, useState } from 'react';
import type { LiveProfile } from '../../../src-shared/contract/streams';
import { releaseCanvasWorker } from './canvasWorkers';
import { LiveSession, type PlayerSurface, type SessionState } from './liveSession';
import { preferredPlayer, type PlayerKind } from './playerChoice';

export interface LivePlayerProps {
  cameraId: string;
  profile: LiveProfile;
  /** The only picture on show; read when the player starts (a new stream slot takes a later value). */
  alone: boolean;
  /** False while the tile is off screen or the window hidden: session stopped, channel closed. */
  active: boolean;
  /** Shown on top; a player warming up underneath (stream switch) is not. */
  front: boolean;
  onState(state: SessionState): void;
  /** Receives the running session (stats); a stable object, e.g. from useRef. */
  sessionRef?: { current: LiveSession | null };
}

/**
 * One <video> (MSE) or <canvas> (WebCodecs, see playerChoice.ts) playing one stream through a LiveSession that
 * lives exactly as long as it is active. A stream WebCodecs cannot decode falls back to MSE for good.
 */
export function LivePlayer({ cameraId, profile, alone, active, front, onState, sessionRef }: LivePlayerProps) {
  const [kind, setKind] = useState<PlayerKind>(() => preferredPlayer(alone));
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const report = useRef(onState);
  useEffect(() => {
    report.current = onState;
  });

  useEffect(() => {
    if (kind !== 'webcodecs') return;
    const element = canvas.current;
    // The canvas's decoding worker outlives the sessions played on it, not the canvas.
    return () => {
      if (element) releaseCanvasWorker(element);
    };
  }, [kind]);

  useEffect(() => {
    if (!active) return;
    let surface: PlayerSurface | null = null;
    if (kind === 'webcodecs' && canvas.current) {
      surface = { kind, canvas: canvas.current, onUnsupported: () => setKind('mse') };
    } else if (kind === 'mse' && video.current) surface = { kind, video: video.current };
    if (!surface) return;
    const session = new LiveSession(surface, { cameraId, profile }, (state) => report.current(state));
    if (sessionRef) sessionRef.current = session;
    session.start();
    return () => {
      session.stop();
      if (sessionRef?.current === session) sessionRef.current = null;
    };
  }, [cameraId, profile, active, sessionRef, kind]);

  const className = front ? 'live-video' : 'live-video live-video--behind';
  if (kind === 'webcodecs') {
    return <canvas ref={canvas} className={className} data-profile={profile} data-player="webcodecs" />;
  }
  return (
    <video
      ref={video}
      className={className}
      data-profile={profile}
      data-player="mse"
      muted
      playsInline
      disablePictureInPicture
    />
  );
}
