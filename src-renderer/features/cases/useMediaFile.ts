import { useEffect, useState } from 'react';
import { core, type ClientError } from '../../bridge';

export type MediaFileState =
  | { status: 'loading' }
  | { status: 'ready'; url: string }
  | { status: 'failed'; error: ClientError };

/**
 * A case's photo, video or thumbnail from the core (`/api/media/<sha256>`), shown from a blob URL that is revoked
 * when the component lets go of it. Null `sha256`: nothing is fetched; a new `retryKey` fetches again.
 */
export function useMediaFile(sha256: string | null, retryKey: unknown = null): MediaFileState {
  const [state, setState] = useState<MediaFileState>({ status: 'loading' });
  useEffect(() => {
    if (sha256 === null) return;
    let live = true;
    let url: string | null = null;
    setState({ status: 'loading' });
    void core.fetchFile(`/api/media/${sha256}`).then((result) => {
      if (!live) return;
      if (!result.ok) return setState({ status: 'failed', error: result.error });
      url = URL.createObjectURL(result.value);
      setState({ status: 'ready', url });
    });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [sha256, retryKey]);
  return state;
}

/** The sentence for a file that could not be loaded: offline-and-not-downloaded is the expected case. */
export function mediaErrorKey(error: ClientError): 'notDownloaded' | 'notFound' | 'failed' {
  if (error.code === 'unavailable' || error.code === 'network') return 'notDownloaded';
  if (error.code === 'not_found') return 'notFound';
  return 'failed';
}
