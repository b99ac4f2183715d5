import { useEffect, useSyncExternalStore } from 'react';
import { DEFAULT_PAGE, pageHash, parseHash, type PageName, type Route } from './routes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

// A string snapshot, so useSyncExternalStore compares by value.
function snapshot(): string {
  return location.hash;
}

/** The current hash route; an empty or unknown hash shows the default page and is rewritten without a history entry. */
export function useHashRoute(): Route {
  const route = parseHash(useSyncExternalStore(subscribe, snapshot));
  const known = route !== null;
  useEffect(() => {
    if (!known) history.replaceState(null, '', pageHash(DEFAULT_PAGE));
  }, [known]);
  return route ?? { kind: 'page', page: DEFAULT_PAGE };
}

export function navigate(page: PageName): void {
  location.hash = pageHash(page);
}
