import { useEffect, useState } from 'react';
import { core, type ClientError } from '../../bridge';

export type MediaTicketState =
  | { status: 'loading' }
  | { status: 'ready'; url: string }
  | { status: 'failed'; error: ClientError };

/**
 * A URL to play a case's video from (`/api/media/<sha256>?ticket=…`): the core checks the file is there first,
 * downloading it when online, so "not downloaded and offline" is answered here, before any playback. A new
 * `retryKey` asks again.
 */
export function useMediaTicket(sha256: string, retryKey: unknown): MediaTicketState {
  const [state, setState] = useState<MediaTicketState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    void core.mediaTicket(sha256).then((result) => {
      if (!live) return;
      setState(result.ok ? { status: 'ready', url: result.value.url } : { status: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [sha256, retryKey]);
  return state;
}
