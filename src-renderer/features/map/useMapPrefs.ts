import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../../stores/session';
import { DEFAULT_MAP_PREFS, type MapPrefs, mapPrefsKey, parseMapPrefs } from './mapPrefs';

function load(key: string | null): MapPrefs {
  if (key === null) return DEFAULT_MAP_PREFS;
  try {
    return parseMapPrefs(localStorage.getItem(key));
  } catch {
    // Storage refused (privacy settings): the defaults, for this visit only.
    return DEFAULT_MAP_PREFS;
  }
}

/** The signed-in user's layer toggles, time window, alert and case filters, saved to localStorage on every change. */
export function useMapPrefs(): [MapPrefs, (change: (prefs: MapPrefs) => MapPrefs) => void] {
  const userId = useSession((s) => s.user?.id ?? null);
  const key = userId === null ? null : mapPrefsKey(userId);
  const [prefs, setPrefs] = useState<{ key: string | null; value: MapPrefs }>(() => ({ key, value: load(key) }));
  // Another user signed in in this window: their own preferences.
  const current = prefs.key === key ? prefs.value : load(key);
  useEffect(() => {
    if (prefs.key !== key) setPrefs({ key, value: load(key) });
  }, [key, prefs.key]);
  const update = useCallback(
    (change: (p: MapPrefs) => MapPrefs) =>
      setPrefs((p) => {
        const value = change(p.key === key ? p.value : load(key));
        if (key !== null) {
          try {
            localStorage.setItem(key, JSON.stringify(value));
          } catch {
            // Not saved; the map still follows the change.
          }
        }
        return { key, value };
      }),
    [key],
  );
  return [current, update];
}
