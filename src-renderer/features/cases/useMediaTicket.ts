import { useCallback, useEffect, useRef, useState } from 'react';
import { core, type ClientError } from '../../bridge';

export type MediaTicketState =
  | { status: 'loading' }
  | { status: 'ready'; url: string; expiresAt: number | null }
  | { status: 'failed'; error: ClientError };

export interface MediaTicketHandle {
  state: MediaTicketState;
  /**
   * A new ticket for the same file without going back to 'loading' (the video stays on screen): for a link that
   * expired while paused or past its maximum age. A failure lands in 'failed' as a first attempt's would.
   */
  renew(): void;
}

/**
 * A URL to play a case's video from (`/api/media/<sha256>?ticket=…`): the core checks the file is there first,
 * downloading it when online, so "not downloaded and offline" is answered here, before any playback. A new
 * `retryKey` asks again.
 */
export function useMediaTicket(sha256: string, retryKey: unknown): MediaTicketHandle {
  const [state, setState] = useState<MediaTicketState>({ status: 'loading' });
  // Only the latest request may land: a retry or unmount makes an earlier one (first or renewal) stale.
  const generation = useRef(0);

  const request = useCallback(() => {
    const mine = ++generation.current;
    void core.mediaTicket(sha256).then((result) => {
      if (generation.current !== mine) return;
      setState(
        result.ok
          ? { status: 'ready', url: result.value.url, expiresAt: result.value.expiresAt }
          : { status: 'failed', error: result.error },
      );
    });
  }, [sha256]);

  useEffect(() => {
    setState({ status: 'loading' });
    request();
    return () => {
      generation.current++;
    };
  }, [request, retryKey]);

  return { state, renew: request };
}
