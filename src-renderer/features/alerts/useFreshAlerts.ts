import { useEffect, useMemo, useState } from 'react';
import { useAlertFeed } from './alertFeed';
import { freshAlerts } from './alertView';

/**
 * Ids of the alerts to draw to the eye: recomputed when an alert is raised or worsened and when the first fresh
 * one expires, never on a clock tick — views holding 2,000 alerts stay still while nothing changes.
 */
export function useFreshAlertIds(): ReadonlySet<string> {
  const seenAt = useAlertFeed((s) => s.seenAt);
  const [expiries, setExpiries] = useState(0);
  // `expiries` only asks for the same computation again, later.
  const fresh = useMemo(() => freshAlerts(seenAt, Date.now()), [seenAt, expiries]);
  useEffect(() => {
    if (fresh.until === null) return;
    const timer = setTimeout(() => setExpiries((n) => n + 1), Math.max(0, fresh.until - Date.now()) + 1);
    return () => clearTimeout(timer);
  }, [fresh]);
  return fresh.ids;
}
