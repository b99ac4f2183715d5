import './player.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LiveProfile } from '../../../src-shared/contract/streams';
import { useConnection } from '../../stores/connection';
import { LivePlayer } from './LivePlayer';
import type { LiveSession, SessionState, SessionStats } from './liveSession';
import { grabFrame } from './snapshot';
import { serverState, useServerStream } from './streamHealth';
import { tileStatus, type TileStatus } from './tileState';
import { useActive } from './useActive';

export interface LiveVideoStatus extends TileStatus {
  profile: LiveProfile;
  codec: string | null;
  transcoded: boolean;
}

export interface LiveVideoHandle {
  /** The picture shown now, as PNG; null before the first frame. */
  snapshot(): Promise<Blob | null>;
  stats(): SessionStats | null;
}

export interface LiveVideoProps {
  cameraId: string;
  profile: LiveProfile;
  /** The only picture on show: its players take WebCodecs where the browser has it (playerChoice.ts). */
  alone?: boolean;
  onStatus?(status: LiveVideoStatus): void;
  handleRef?: { current: LiveVideoHandle | null };
}

interface Slot {
  id: number;
  profile: LiveProfile;
  state: SessionState | null;
}

/** A stream switch that has not produced a picture by then replaces the old one anyway. */
const SWITCH_GIVE_UP_MS = 15_000;
/** How long a newly started transcoded stream plays underneath before it is shown. */
const TRANSCODE_SETTLE_MS = 2_500;

/**
 * Live video of one camera that can change stream (sub ↔ main) without a black gap: the new stream plays
 * underneath until its first frame, then the old one is closed.
 */
export function LiveVideo({ cameraId, profile, alone = false, onStatus, handleRef }: LiveVideoProps) {
  const box = useRef<HTMLDivElement>(null);
  const active = useActive(box);
  const connected = useConnection((c) => c.state === 'connected');
  const nextId = useRef(1);
  const [slots, setSlots] = useState<Slot[]>(() => [{ id: 0, profile, state: null }]);
  const sessions = useRef(new Map<number, { current: LiveSession | null }>());

  useEffect(() => {
    setSlots((current) => {
      const last = current.at(-1);
      if (last?.profile === profile) return current;
      const front = current[0]!;
      if (front.profile === profile) return [front];
      return [front, { id: nextId.current++, profile, state: null }];
    });
  }, [profile]);

  useEffect(() => {
    if (slots.length < 2) return;
    const timer = setTimeout(() => setSlots((current) => current.slice(-1)), SWITCH_GIVE_UP_MS);
    return () => clearTimeout(timer);
  }, [slots.length]);

  const onSlotState = useCallback((id: number, state: SessionState) => {
    setSlots((current) => {
      const index = current.findIndex((s) => s.id === id);
      if (index < 0) return current;
      const updated = current.map((s) => (s.id === id ? { ...s, state } : s));
      // The newer stream shows a picture: the older one can go (a fresh transcode after a moment, below).
      return index > 0 && state.phase === 'playing' && !state.transcoded ? updated.slice(index) : updated;
    });
  }, []);

  // A transcoder that joined the camera's stream mid-GOP puts out grey, half-decoded pictures until the
  // camera's next keyframe: the old stream stays on show a little longer.
  const newest = slots.at(-1)!;
  const settling = slots.length > 1 && newest.state?.phase === 'playing' && newest.state.transcoded;
  useEffect(() => {
    if (!settling) return;
    const timer = setTimeout(
      () => setSlots((current) => (current.at(-1)?.id === newest.id ? current.slice(-1) : current)),
      TRANSCODE_SETTLE_MS,
    );
    return () => clearTimeout(timer);
  }, [settling, newest.id]);

  const front = slots[0]!;
  const server = serverState(useServerStream(cameraId, front.profile));
  const status = useMemo<LiveVideoStatus>(() => {
    const phase = active ? (front.state?.phase ?? 'opening') : 'stopped';
    return {
      ...tileStatus({ phase, fault: front.state?.fault ?? null, server, connected }),
      profile: front.profile,
      codec: front.state?.codec ?? null,
      transcoded: front.state?.transcoded ?? false,
    };
  }, [active, front, server, connected]);

  const reported = useRef('');
  useEffect(() => {
    // Reported only when something in it changed, not on every render.
    const key = JSON.stringify(status);
    if (key === reported.current) return;
    reported.current = key;
    onStatus?.(status);
  }, [status, onStatus]);

  useEffect(() => {
    if (!handleRef) return;
    handleRef.current = {
      snapshot: async () => {
        const media = box.current?.querySelector<HTMLVideoElement | HTMLCanvasElement>(
          '.live-video:not(.live-video--behind)',
        );
        return media ? grabFrame(media) : null;
      },
      stats: () => sessions.current.get(slots[0]!.id)?.current?.stats() ?? null,
    };
    return () => {
      handleRef.current = null;
    };
  }, [handleRef, slots]);

  const refFor = (id: number) => {
    let ref = sessions.current.get(id);
    if (!ref) {
      ref = { current: null };
      sessions.current.set(id, ref);
    }
    return ref;
  };
  useEffect(() => {
    for (const id of sessions.current.keys()) if (!slots.some((s) => s.id === id)) sessions.current.delete(id);
  }, [slots]);

  return (
    <div ref={box} className="live-box">
      {slots.map((slot, index) => (
        <LivePlayer
          key={slot.id}
          cameraId={cameraId}
          profile={slot.profile}
          alone={alone}
          active={active}
          front={index === 0}
          sessionRef={refFor(slot.id)}
          onState={(state) => onSlotState(slot.id, state)}
        />
      ))}
    </div>
  );
}
